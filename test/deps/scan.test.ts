import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { depsConfigSchema } from "../../core/deps/config.ts";
import { renderSummary, renderTable, toJsonReport } from "../../core/deps/report.ts";
import { toSarif } from "../../core/deps/sarif-report.ts";
import { scanRepository } from "../../core/deps/scan-repository.ts";
import { validateSarif } from "../support/sarif-validate.ts";
import { npmDatabaseDir, SHARED_OSV, tempDir } from "./support/osv-db.ts";

const FIXTURE = new URL("./fixtures/webapp/", import.meta.url).pathname;
const NOW = new Date("2026-11-25T12:00:00Z");
const TOOL = { name: "upkeep", version: "0.1.0" };

function repo(): string {
  const root = tempDir("upkeep-repo-");
  cpSync(FIXTURE, root, { recursive: true });
  return root;
}

/** npm advisories (converted) next to the real PyPI zip, in one database directory. */
function database(): string {
  const dir = npmDatabaseDir();
  cpSync(join(SHARED_OSV, "PyPI"), join(dir, "PyPI"), { recursive: true });
  return dir;
}

const db = database();
const cacheDir = tempDir("upkeep-cache-");

async function scan(root: string, deps: Record<string, unknown> = {}) {
  return scanRepository({
    root,
    config: depsConfigSchema.parse(deps),
    now: NOW,
    database: db,
    cacheDir,
  });
}

describe("scanning a repository", () => {
  it("finds npm and PyPI advisories at their lockfile lines and fails on high", async () => {
    const result = await scan(repo());
    const found = result.policy.findings.map(
      (f) => `${f.name}@${f.version} ${f.id} ${f.file}:${f.locations[0]?.line} ${f.status}`,
    );
    expect(found).toContain("lodash@4.17.4 NSWG-NPM-368 package-lock.json:8 below-threshold");
    expect(found).toContain("ms@0.7.0 NSWG-NPM-46 package-lock.json:10 dev-only");
    expect(found.filter((line) => line.startsWith("ansible@2.9.10 ")).length).toBeGreaterThan(5);
    expect(result.unscannable.map((entry) => entry.name)).toEqual(["flask"]);
    expect(result.incomplete).toBe(false);
    expect(result.exitCode).toBe(1);
    expect(result.databases[0]?.source).toContain("PyPI/all.zip");
  });

  it("writes SARIF that the official schema accepts, with levels, security-severity and stable fingerprints", async () => {
    const root = repo();
    const first = toSarif(await scan(root), TOOL);
    expect(validateSarif(first)).toEqual([]);
    const run = first.runs[0]!;
    const qs = run.results.find((result) => result.ruleId === "NSWG-NPM-29");
    expect(qs?.level).toBe("error");
    expect(qs?.locations[0]?.physicalLocation.region?.startLine).toBe(9);
    const rule = run.tool.driver.rules?.find((candidate) => candidate.id === qs?.ruleId);
    expect(rule?.properties?.["security-severity"]).toBe("7.5");
    expect(run.properties?.databases).toEqual([
      expect.objectContaining({ contentHash: expect.stringMatching(/^[0-9a-f]{64}$/) }),
    ]);
    // Moving entries to other lines keeps every fingerprint.
    const lock = join(root, "package-lock.json");
    writeFileSync(lock, readFileSync(lock, "utf8").replace('"packages": {', '"packages": {\n\n\n'));
    const second = toSarif(await scan(root), TOOL);
    const prints = (log: typeof first) =>
      log.runs[0]!.results.map((result) => result.partialFingerprints?.["upkeep/deps/v1"]).sort();
    expect(prints(second)).toEqual(prints(first));
    const movedQs = second.runs[0]!.results.find((result) => result.ruleId === "NSWG-NPM-29");
    expect(movedQs?.locations[0]?.physicalLocation.region?.startLine).toBe(12);
  });

  it("summarises counts per severity, the findings table and the database identity", async () => {
    const result = await scan(repo(), {
      ignores: [
        { id: "CVE-2014-7191", reason: "qs only parses trusted input", expires: "2026-12-01" },
      ],
    });
    const summary = renderSummary(result);
    // Ignored findings leave the counts and show in the table as ignored.
    expect(summary).toContain(
      "14 findings in 5 packages from 2 lockfiles; 10 fail the gate, 1 ignored.",
    );
    expect(summary).toContain("| high | 0 |\n| medium | 3 |\n| low | 1 |\n| unknown | 10 |");
    expect(summary).toMatch(
      /\| high 7\.5 \| qs \| 0\.6\.6 \| 1\.0\.0 \| NSWG-NPM-29 \| package-lock.json:9 \| ignored \|/,
    );
    expect(summary).toContain("### Ignores expiring within 14 days");
    expect(summary).toContain("- CVE-2014-7191 until 2026-12-01: qs only parses trusted input");
    expect(summary).toMatch(
      /Advisories: OSV offline \(PyPI\/all\.zip, \d+ record files in .*\) — \d+ records/,
    );
    expect(renderTable(result)).toMatch(/^high 7\.5 +qs +0\.6\.6 +1\.0\.0 +NSWG-NPM-29/m);
    const report = toJsonReport(result, TOOL, NOW);
    expect(report.findings.find((f) => f.id === "NSWG-NPM-29")?.ignoredBy?.reason).toBe(
      "qs only parses trusted input",
    );
  });

  it("a broken lockfile makes the scan incomplete (exit 3) while the other files are still scanned", async () => {
    const root = repo();
    writeFileSync(join(root, "sub-package-lock.json"), "");
    cpSync(join(root, "package-lock.json"), join(root, "web", "package-lock.json"), {
      recursive: true,
    });
    writeFileSync(
      join(root, "web", "package-lock.json"),
      '{ "lockfileVersion": 3, "packages": { "node_modules/x": ',
    );
    const result = await scan(root);
    expect(result.incomplete).toBe(true);
    expect(result.exitCode).toBe(3);
    expect(result.problems[0]).toMatchObject({ kind: "lockfile", file: "web/package-lock.json" });
    expect(result.policy.findings.some((f) => f.name === "qs")).toBe(true);
  });

  it("only new: findings already in the committed baseline report do not fail", async () => {
    const root = repo();
    const before = await scan(root);
    writeFileSync(
      join(root, "deps-baseline.json"),
      JSON.stringify(toJsonReport(before, TOOL, NOW)),
    );
    const after = await scan(root, { onlyNew: true, baseline: "deps-baseline.json" });
    expect(after.policy.failing).toEqual([]);
    expect(after.exitCode).toBe(0);
    expect(after.policy.findings.every((f) => f.isNew === false)).toBe(true);
  });
});

describe("the dedicated ignore file", () => {
  it("applies its good entries and reports a bad one at its line, making the scan incomplete", async () => {
    const root = repo();
    mkdirSync(join(root, ".github"));
    writeFileSync(
      join(root, ".github/deps-ignores.yml"),
      "- id: CVE-2014-7191\n  reason: only trusted input reaches qs\n- id: NSWG-NPM-28\n",
    );
    const result = await scan(root, { ignoreFile: ".github/deps-ignores.yml" });
    expect(result.policy.findings.find((f) => f.id === "NSWG-NPM-29")?.status).toBe("ignored");
    expect(result.problems).toEqual([
      {
        kind: "config",
        file: ".github/deps-ignores.yml",
        line: 3,
        message: "ignore #2: reason: Invalid input: expected string, received undefined",
      },
    ]);
    expect(result.exitCode).toBe(3);
  });
});
