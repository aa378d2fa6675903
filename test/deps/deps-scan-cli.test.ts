import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runUpkeep } from "../support/run-cli.ts";
import { validateSarif } from "../support/sarif-validate.ts";
import { npmOsvRecords } from "./support/npm-advisories.ts";
import { npmDatabaseDir, tempDir, zipOf } from "./support/osv-db.ts";

const FIXTURE = new URL("./fixtures/webapp/", import.meta.url).pathname;
const db = npmDatabaseDir();
const env = { UPKEEP_CACHE_DIR: tempDir("upkeep-cache-") };

function repo(): string {
  const root = tempDir("upkeep-cli-repo-");
  cpSync(FIXTURE, root, { recursive: true });
  return root;
}

describe("upkeep deps scan (as a process)", () => {
  it("prints the findings table and exits 1 when a finding fails the gate", async () => {
    const root = repo();
    const run = await runUpkeep(["deps", "scan", root, "--db", db, "--fail-on", "high"], { env });
    expect(run.stdout).toMatch(
      /^high 7\.5 +qs +0\.6\.6 +1\.0\.0 +NSWG-NPM-29 +package-lock\.json:9 +FAILS$/m,
    );
    expect(run.stdout).toContain("not scanned: requirements.txt:4 flask");
    expect(run.exitCode).toBe(1);
  });

  it("--fail-on critical passes the same tree; --include-dev brings dev findings into the gate", async () => {
    const root = repo();
    expect(
      (await runUpkeep(["deps", "scan", root, "--db", db, "--fail-on", "critical"], { env }))
        .exitCode,
    ).toBe(0);
    const dev = await runUpkeep(
      ["deps", "scan", root, "--db", db, "--fail-on", "low", "--include-dev", "--format", "json"],
      { env },
    );
    const report = JSON.parse(dev.stdout);
    expect(report.findings.find((f: { name: string }) => f.name === "ms")?.status).toBe("failing");
    expect(report.complete).toBe(true);
  });

  it("--format sarif prints a valid SARIF log; --format json a report with the database identity", async () => {
    const root = repo();
    const sarif = await runUpkeep(["deps", "scan", root, "--db", db, "--format", "sarif"], { env });
    expect(validateSarif(JSON.parse(sarif.stdout))).toEqual([]);
    const json = await runUpkeep(
      ["deps", "scan", join(root, "package-lock.json"), "--db", db, "--format=json"],
      { env },
    );
    const report = JSON.parse(json.stdout);
    expect(report.lockfiles.map((lockfile: { path: string }) => lockfile.path)).toEqual([
      "package-lock.json",
    ]);
    expect(report.databases[0]).toMatchObject({
      records: npmOsvRecords().size,
      contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it("ignores from the repository's config apply, and a bad config is a located usage error", async () => {
    const root = repo();
    mkdirSync(join(root, ".github"));
    writeFileSync(
      join(root, ".github/upkeep.yml"),
      "deps:\n  ignores:\n    - id: CVE-2014-7191\n      reason: input is trusted\n",
    );
    const run = await runUpkeep(["deps", "scan", root, "--db", db], { env });
    expect(run.stdout).toMatch(/NSWG-NPM-29 +package-lock\.json:9 +ignored/);
    expect(run.exitCode).toBe(0);
    writeFileSync(join(root, ".github/upkeep.yml"), "deps:\n  failOn: severe\n");
    const bad = await runUpkeep(["deps", "scan", root, "--db", db], { env });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/upkeep\.yml.*deps\.failOn/);
  });

  it("a malformed lockfile and a bad OSV record: named on stderr, the rest scanned, exit 3", async () => {
    const root = repo();
    mkdirSync(join(root, "broken"));
    writeFileSync(join(root, "broken/package-lock.json"), '{"lockfileVersion": 3, "packages": {');
    const badDb = npmDatabaseDir([
      {
        id: "BAD-1",
        affected: [
          {
            package: { ecosystem: "npm", name: "qs" },
            ranges: [{ type: "SEMVER", events: [{ introduced: "0" }, { fixed: "not.a.version" }] }],
          },
        ],
      },
    ]);
    const run = await runUpkeep(["deps", "scan", root, "--db", badDb, "--format", "json"], { env });
    expect(run.exitCode).toBe(3);
    expect(run.stderr).toContain("broken/package-lock.json");
    expect(run.stderr).toMatch(
      /BAD-1\.json: affected\[0\]\.ranges\[0\]: "not\.a\.version" is not a SemVer version/,
    );
    expect(
      JSON.parse(run.stdout).findings.some((f: { id: string }) => f.id === "NSWG-NPM-29"),
    ).toBe(true);
  });

  it("usage errors exit 2 and say what was wrong", async () => {
    const missing = await runUpkeep(["deps", "scan", ".", "--db", "/nonexistent/db"], { env });
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain("--db /nonexistent/db: no such file or directory");
    const format = await runUpkeep(["deps", "scan", "--format", "xml"], { env });
    expect(format.stderr).toContain('--format must be one of table, json, sarif, not "xml"');
  });
});

describe("upkeep deps scan with a hostile database", () => {
  it("a zip bomb in the database is named, the other records still match, exit 3", async () => {
    const root = repo();
    const dir = tempDir("upkeep-bomb-db-");
    const qs = npmOsvRecords().get("NSWG-NPM-29.json");
    mkdirSync(join(dir, "npm"));
    writeFileSync(
      join(dir, "npm", "all.zip"),
      zipOf({
        "BOMB.json": new Uint8Array(8 * 1024 * 1024),
        "NSWG-NPM-29.json": JSON.stringify(qs),
      }),
    );
    const run = await runUpkeep(["deps", "scan", root, "--db", dir, "--format", "json"], { env });
    expect(run.exitCode).toBe(3);
    expect(run.stderr).toMatch(
      /npm\/all\.zip: BOMB\.json: 8388608 bytes uncompressed .* likely zip bomb/,
    );
    expect(JSON.parse(run.stdout).findings.map((f: { id: string }) => f.id)).toEqual([
      "NSWG-NPM-29",
    ]);
  });
});

describe("upkeep deps scan in a monorepo folder", () => {
  it("reads the repository's config and writes SARIF paths relative to the repository", async () => {
    const root = tempDir("upkeep-cli-mono-");
    mkdirSync(join(root, ".git"));
    mkdirSync(join(root, ".github"));
    writeFileSync(
      join(root, ".github/upkeep.yml"),
      "deps:\n  ignores:\n    - id: NSWG-NPM-28\n      reason: tested in a sandbox only\n",
    );
    cpSync(FIXTURE, join(root, "services", "web"), { recursive: true });
    const run = await runUpkeep(["deps", "scan", "services/web", "--db", db, "--format", "sarif"], {
      env,
      cwd: root,
    });
    const results = JSON.parse(run.stdout).runs[0].results as {
      ruleId: string;
      suppressions?: unknown[];
      locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
    }[];
    expect(results.find((result) => result.ruleId === "NSWG-NPM-28")?.suppressions).toHaveLength(1);
    expect(
      new Set(results.map((result) => result.locations[0]?.physicalLocation.artifactLocation.uri)),
    ).toEqual(new Set(["services/web/package-lock.json"]));
  });
});
