// The Snyk Code adapter: a recorded `snyk code test --sarif` output, and a stand-in snyk CLI on
// PATH, since Upkeep never installs the real one.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseSnykSarif } from "../../core/sast/snyk/parse.ts";
import { runUpkeep } from "../support/run-cli.ts";
import { validateSarif } from "../support/sarif-validate.ts";

const RECORDED = new URL("fixtures/snyk/snyk-code.sarif.json", import.meta.url);
const TOKEN = "snyk-token-0123456789abcdef";

/** A directory holding an executable `snyk` that runs `script` (bash). */
function fakeSnyk(script: string): string {
  const dir = mkdtempSync(join(tmpdir(), "upkeep-snyk-bin-"));
  writeFileSync(join(dir, "snyk"), `#!/usr/bin/env bash\n${script}\n`);
  chmodSync(join(dir, "snyk"), 0o755);
  return dir;
}

function project(): string {
  const root = mkdtempSync(join(tmpdir(), "upkeep-snyk-"));
  mkdirSync(join(root, "routes"));
  writeFileSync(join(root, "routes/users.js"), "module.exports = {};\n");
  return root;
}

describe("parseSnykSarif", () => {
  it("turns Snyk Code results into findings with prefixed rules, severities and locations", () => {
    const parsed = parseSnykSarif(readFileSync(RECORDED, "utf8"));
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.findings.map((f) => [f.ruleId, f.severity, f.path, f.startLine])).toEqual([
      ["snyk/javascript/Sqli", "high", "routes/users.js", 12],
      ["snyk/javascript/HardcodedNonCryptoSecret", "low", "config/app.js", 3],
    ]);
    expect(parsed.rules.find((rule) => rule.id === "snyk/javascript/Sqli")?.cwe).toEqual([
      "CWE-89",
    ]);
  });

  it("says what is wrong with output that is not SARIF", () => {
    expect(parseSnykSarif("Authentication failed")).toMatchObject({
      ok: false,
      message: expect.stringContaining("not JSON"),
    });
  });
});

describe("upkeep sast scan --snyk", () => {
  it("merges Snyk Code results into the report and the SARIF, calling `snyk code test --sarif`", async () => {
    const argsFile = join(mkdtempSync(join(tmpdir(), "upkeep-snyk-args-")), "args");
    const bin = fakeSnyk(`echo "$@" > ${argsFile}\ncat ${RECORDED.pathname}\nexit 1`);
    const root = project();
    const env = { PATH: `${bin}:${process.env.PATH}`, SNYK_TOKEN: TOKEN };
    const run = await runUpkeep(["sast", "scan", root, "--snyk", "--format", "sarif"], { env });
    expect(readFileSync(argsFile, "utf8").trim()).toBe("code test --sarif");
    const log = JSON.parse(run.stdout);
    expect(validateSarif(log)).toEqual([]);
    const snykRun = log.runs.find((r: { tool: { driver: { name: string } } }) =>
      r.tool.driver.name.startsWith("Snyk"),
    );
    expect(snykRun.results.map((r: { ruleId: string }) => r.ruleId).sort()).toEqual([
      "snyk/javascript/HardcodedNonCryptoSecret",
      "snyk/javascript/Sqli",
    ]);
    expect(run.exitCode).toBe(1);
    expect(run.stdout + run.stderr).not.toContain(TOKEN);
  });

  it("reports a failing Snyk CLI without printing the token, and marks the scan incomplete", async () => {
    const bin = fakeSnyk(`echo "auth failed for token $SNYK_TOKEN" >&2\nexit 2`);
    const run = await runUpkeep(["sast", "scan", project(), "--snyk"], {
      env: { PATH: `${bin}:${process.env.PATH}`, SNYK_TOKEN: TOKEN },
    });
    expect(run.exitCode).toBe(3);
    expect(run.stdout).toContain("snyk code test: exited with 2: auth failed for token ***");
    expect(run.stdout + run.stderr).not.toContain(TOKEN);
  });

  it("explains a missing token instead of running Snyk", async () => {
    const run = await runUpkeep(["sast", "scan", project(), "--snyk"], { env: { SNYK_TOKEN: "" } });
    expect(run.exitCode).toBe(3);
    expect(run.stdout).toContain("SNYK_TOKEN is not set");
  });
});
