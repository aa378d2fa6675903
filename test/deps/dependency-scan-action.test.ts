// The dependency-scan action as the runner runs it: the bundled dist in a subprocess, against the
// GitHub sandbox for security-window issues, with a real (converted) npm advisory database.
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "../../sandbox/index.ts";
import { runAction } from "../support/run-action.ts";
import { REPO_ROOT } from "../support/run-cli.ts";
import { validateSarif } from "../support/sarif-validate.ts";
import { npmOsvRecords } from "./support/npm-advisories.ts";
import { npmDatabaseDir, tempDir, zipOf } from "./support/osv-db.ts";

const ENTRY = `${REPO_ROOT}/actions/dependency-scan/dist/index.js`;
const FIXTURE = new URL("./fixtures/webapp/", import.meta.url).pathname;
const REPO = "octo-org/octo-repo";
const CONFIG = "deps:\n  failOn: high\n  track:\n    minSeverity: medium\n";
const db = npmDatabaseDir();

function workspace(config = CONFIG): string {
  const root = tempDir("upkeep-action-ws-");
  cpSync(FIXTURE, root, { recursive: true });
  mkdirSync(join(root, ".github"));
  writeFileSync(join(root, ".github/upkeep.yml"), config);
  return root;
}

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await startSandbox();
  sandbox.addRepo(REPO, { files: { ".github/upkeep.yml": CONFIG } });
});
afterEach(async () => {
  sandbox.assertValid();
  await sandbox.close();
});

const env = () => ({
  UPKEEP_CACHE_DIR: tempDir("upkeep-cache-"),
  RUNNER_TOOL_CACHE: tempDir("upkeep-tools-"),
});

describe("dependency-scan action", () => {
  it("fails on a high finding, writes valid SARIF, the report, the summary and outputs, and opens windows", async () => {
    const root = workspace();
    const run = await runAction({
      entry: ENTRY,
      inputs: {
        token: sandbox.installationToken("octo-org"),
        database: db,
        "download-database": "false",
        "sarif-file": "out/deps.sarif",
      },
      repository: REPO,
      apiUrl: sandbox.url,
      workspace: root,
      env: env(),
    });
    expect(run.exitCode, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toContain(
      "::error title=high vulnerability NSWG-NPM-29,file=package-lock.json,line=9::qs 0.6.6 is affected by NSWG-NPM-29; fixed in 1.0.0",
    );
    expect(run.outputs).toMatchObject({
      failing: "1",
      high: "1",
      medium: "3",
      low: "1",
      incomplete: "false",
    });
    expect(run.outputs["sarif-file"]).toBe(join(root, "out/deps.sarif"));
    expect(validateSarif(JSON.parse(readFileSync(join(root, "out/deps.sarif"), "utf8")))).toEqual(
      [],
    );
    const report = JSON.parse(readFileSync(run.outputs["report-file"]!, "utf8"));
    expect(report.databases[0].contentHash).toBe(run.outputs["database-hash"]);
    expect(run.summary).toContain("## Dependency scan");
    expect(run.summary).toMatch(
      /\| high 7\.5 \| qs \| 0\.6\.6 \| 1\.0\.0 \| NSWG-NPM-29 \| package-lock\.json:9 \| FAILS \|/,
    );
    // Windows for prod findings at medium or above: qs ×2 and lodash's medium one; not the low or the dev one.
    const titles = sandbox
      .issues(REPO)
      .filter((issue) => issue.state === "open")
      .map((issue) => issue.title);
    expect(titles).toHaveLength(3);
    expect(titles.some((title) => title.includes("NSWG-NPM-29"))).toBe(true);
    expect(titles.some((title) => title.includes("NSWG-NPM-368"))).toBe(false);
  });

  it("a fixed package closes its windows on the next complete scan; a rerun creates no duplicates", async () => {
    const root = workspace();
    const inputs = {
      token: sandbox.installationToken("octo-org"),
      database: db,
      "download-database": "false",
    };
    const options = {
      entry: ENTRY,
      inputs,
      repository: REPO,
      apiUrl: sandbox.url,
      workspace: root,
      env: env(),
    };
    await runAction(options);
    await runAction(options);
    expect(sandbox.issues(REPO).filter((issue) => issue.state === "open")).toHaveLength(3);
    const lock = join(root, "package-lock.json");
    writeFileSync(
      lock,
      readFileSync(lock, "utf8").replace(
        '"node_modules/qs": { "version": "0.6.6" }',
        '"node_modules/qs": { "version": "6.11.0" }',
      ),
    );
    const fixed = await runAction(options);
    expect(fixed.exitCode, fixed.stdout).toBe(0);
    const open = sandbox
      .issues(REPO)
      .filter((issue) => issue.state === "open")
      .map((issue) => issue.title);
    expect(open).toHaveLength(1);
    expect(open[0]).toContain("lodash");
  });

  it("an ignore with a reason closes the finding's window with that reason on record", async () => {
    const root = workspace();
    const inputs = {
      token: sandbox.installationToken("octo-org"),
      database: db,
      "download-database": "false",
    };
    const options = {
      entry: ENTRY,
      inputs,
      repository: REPO,
      apiUrl: sandbox.url,
      workspace: root,
      env: env(),
    };
    await runAction(options);
    writeFileSync(
      join(root, ".github/upkeep.yml"),
      `${CONFIG}  ignores:\n    - id: CVE-2014-7191\n      reason: qs only parses our own query strings\n`,
    );
    const rerun = await runAction(options);
    expect(rerun.exitCode, rerun.stdout).toBe(0);
    const qs = sandbox.issues(REPO).find((issue) => issue.title.includes("NSWG-NPM-29"));
    expect(qs?.state).toBe("closed");
    expect(JSON.stringify(qs)).toContain("qs only parses our own query strings");
  });

  it("downloads all.zip for the ecosystems in use, and only re-fetches when the ETag changed", async () => {
    const records = Object.fromEntries(
      [...npmOsvRecords()].map(([file, record]) => [file, JSON.stringify(record)]),
    );
    const zip = zipOf(records);
    const requests: string[] = [];
    const server: Server = createServer((request, response) => {
      requests.push(`${request.url} ${request.headers["if-none-match"] ?? "-"}`);
      if (request.url !== "/npm/all.zip") return void response.writeHead(404).end();
      if (request.headers["if-none-match"] === '"v1"') return void response.writeHead(304).end();
      response.writeHead(200, { etag: '"v1"', "content-length": String(zip.length) }).end(zip);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const bucket = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const root = workspace("deps:\n  track:\n    enabled: false\n");
    const runEnv = env();
    const options = {
      entry: ENTRY,
      inputs: { token: "", "osv-bucket-url": bucket, "fail-on": "none" },
      repository: REPO,
      apiUrl: sandbox.url,
      workspace: root,
      env: runEnv,
    };
    const first = await runAction(options);
    const second = await runAction(options);
    server.close();
    // PyPI's zip is not served: the step fails as incomplete even with fail-on none.
    expect(first.exitCode, first.stdout).toBe(1);
    expect(first.outputs.incomplete).toBe("true");
    expect(first.stdout).toContain("::error::dependency scan incomplete: 1 problem(s)");
    expect(first.outputs.high).toBe("1");
    expect(first.summary).toContain("could not refresh the PyPI OSV database: HTTP 404");
    expect(existsSync(join(runEnv.RUNNER_TOOL_CACHE, "upkeep-osv", "npm", "all.zip"))).toBe(true);
    expect(second.stdout).toContain("unchanged npm");
    expect(requests.filter((line) => line.startsWith("/npm/"))).toEqual([
      "/npm/all.zip -",
      '/npm/all.zip "v1"',
    ]);
  });
});

describe("dependency-scan action in a monorepo folder", () => {
  it("points SARIF locations at repository paths when `path` is a subdirectory", async () => {
    const root = tempDir("upkeep-action-mono-");
    cpSync(FIXTURE, join(root, "services", "web"), { recursive: true });
    const run = await runAction({
      entry: ENTRY,
      inputs: {
        token: "",
        path: "services/web",
        database: db,
        "fail-on": "none",
        "sarif-file": "deps.sarif",
      },
      repository: REPO,
      apiUrl: sandbox.url,
      workspace: root,
      env: env(),
    });
    expect(run.exitCode, run.stdout).toBe(0);
    const log = JSON.parse(readFileSync(join(root, "deps.sarif"), "utf8"));
    const uris = log.runs[0].results.map(
      (result: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
        result.locations[0]?.physicalLocation.artifactLocation.uri,
    );
    expect(new Set(uris)).toEqual(new Set(["services/web/package-lock.json"]));
  });
});
