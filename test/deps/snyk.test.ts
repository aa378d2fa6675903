import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { depsConfigSchema } from "../../core/deps/config.ts";
import { scanRepository } from "../../core/deps/scan-repository.ts";
import { parseSnykJson } from "../../core/deps/snyk.ts";
import { runSnyk } from "../../core/deps/snyk-run.ts";
import { SHARED_OSV, tempDir } from "./support/osv-db.ts";

const fixture = (name: string) =>
  readFileSync(new URL(`./fixtures/snyk/${name}`, import.meta.url), "utf8");
const WEBAPP = new URL("./fixtures/webapp/", import.meta.url).pathname;

describe("Snyk adapter", () => {
  it("reads a single project's output, null CVSS and identifiers included", () => {
    const merge = parseSnykJson(fixture("single-npm.json"));
    expect(merge.problems).toEqual([]);
    const [lodash, qs] = merge.advisories;
    expect(lodash).toMatchObject({
      id: "SNYK-JS-LODASH-567746",
      aliases: ["CVE-2020-8203", "GHSA-p6mc-m468-83gw"],
    });
    expect(lodash?.affected[0]?.ranges[0]?.events).toEqual([
      { introduced: "4.17.4" },
      { fixed: "4.17.19" },
    ]);
    expect(qs).toMatchObject({ aliases: [], severity: [], databaseSeverity: "medium" });
    expect(
      merge.packages.map(
        (pkg) => `${pkg.name}@${pkg.version} ${pkg.location.file} direct=${pkg.direct}`,
      ),
    ).toEqual([
      "lodash@4.17.4 package-lock.json direct=true",
      "qs@0.6.6 package-lock.json direct=false",
    ]);
  });

  it("reads --all-projects arrays; unknown managers and failed projects become problems", () => {
    const merge = parseSnykJson(fixture("all-projects.json"));
    expect(merge.advisories.map((advisory) => advisory.id)).toEqual([
      "SNYK-PYTHON-ANSIBLE-1048756",
      "SNYK-PYTHON-JINJA2-1012994",
    ]);
    expect(merge.advisories[0]?.affected[0]).toMatchObject({ ecosystem: "PyPI", name: "ansible" });
    expect(merge.problems).toEqual([
      'snyk project 2 (ios/Podfile.lock): package manager "cocoapods" is not one Upkeep scans; SNYK-COCOAPODS-AFNETWORKING-20093 skipped',
      "snyk project 3: Could not detect supported target files in /home/runner/work/demo/demo/tools",
    ]);
    expect(parseSnykJson("Authentication failed").problems[0]).toMatch(/^snyk output is not JSON/);
  });

  it("merged into a scan, Snyk's finding lands on the lockfile line and joins the same CVE from another source", async () => {
    const merge = parseSnykJson(fixture("all-projects.json"));
    const result = await scanRepository({
      root: WEBAPP,
      config: depsConfigSchema.parse({ failOn: "medium" }),
      now: new Date("2026-11-25T00:00:00Z"),
      snyk: merge,
      database: join(SHARED_OSV, "PyPI", "all.zip"),
      cacheDir: false,
    });
    const ansible = result.policy.findings.find((finding) =>
      finding.ids.includes("SNYK-PYTHON-ANSIBLE-1048756"),
    );
    expect(ansible).toMatchObject({
      id: "GHSA-5rrg-rr89-x9mv",
      file: "requirements.txt",
      locations: [{ file: "requirements.txt", line: 2 }],
      fixedIn: "2.9.19",
    });
    expect(ansible?.ids).toEqual(
      expect.arrayContaining(["CVE-2021-20228", "PYSEC-2021-1", "SNYK-PYTHON-ANSIBLE-1048756"]),
    );
    // The PyPA record has no severity; Snyk's CVSS vector gives the merged finding one.
    expect(ansible?.severity).toMatchObject({ level: "low", score: 3.3 });
    // jinja2 is only in Snyk's dependency graph: reported at Snyk's target file.
    const jinja = result.policy.findings.find((finding) =>
      finding.ids.includes("SNYK-PYTHON-JINJA2-1012994"),
    );
    expect(jinja).toMatchObject({ file: "requirements.txt", status: "failing", fixedIn: "2.11.3" });
    expect(result.problems.map((problem) => problem.file)).toEqual(["snyk", "snyk"]);
  });

  it("runs the user's Snyk CLI with the token in its environment only, and never echoes the token", async () => {
    const dir = tempDir("upkeep-snyk-");
    const fake = join(dir, "snyk");
    writeFileSync(
      fake,
      `#!/bin/sh\nif [ "$SNYK_TOKEN" != "s3cret-token" ]; then echo "no token" >&2; exit 2; fi\ncat '${new URL("./fixtures/snyk/single-npm.json", import.meta.url).pathname}'\nexit 1\n`,
    );
    chmodSync(fake, 0o755);
    const merge = await runSnyk({
      command: fake,
      args: ["test", "--json"],
      cwd: dir,
      token: "s3cret-token",
      env: { PATH: process.env.PATH },
    });
    expect(merge.advisories).toHaveLength(2);
    const leaky = join(dir, "leaky");
    writeFileSync(leaky, '#!/bin/sh\necho "bad token $SNYK_TOKEN" >&2\nexit 2\n');
    chmodSync(leaky, 0o755);
    const failed = await runSnyk({
      command: leaky,
      args: [],
      cwd: dir,
      token: "s3cret-token",
      env: {},
    });
    expect(failed.problems).toEqual(["snyk exited with 2: bad token ***"]);
    const missing = await runSnyk({
      command: join(dir, "nope"),
      args: [],
      cwd: dir,
      token: "t",
      env: {},
    });
    expect(missing.problems[0]).toMatch(/not found; install the Snyk CLI/);
  });
});
