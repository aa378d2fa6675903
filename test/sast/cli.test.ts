// `upkeep sast scan` and `upkeep sast rules` as a person or another CI system runs them.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { runUpkeep } from "../support/run-cli.ts";
import { validateSarif } from "../support/sarif-validate.ts";

function repo(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), "upkeep-sast-"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

const SERVER = [
  'const { exec } = require("child_process");',
  'app.get("/ping", (req, res) => {',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: JavaScript source under test
  "  exec(`ping -c 1 ${req.query.host}`);",
  "});",
  "",
].join("\n");

const WORKFLOW = [
  "on: issues",
  "permissions:",
  "  contents: read",
  "jobs:",
  "  greet:",
  "    runs-on: ubuntu-latest",
  "    steps:",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: workflow expression under test
  '      - run: echo "${{ github.event.issue.title }}"',
  "",
].join("\n");

describe("upkeep sast scan", () => {
  it("fails with exit 1 on a critical finding and prints where it is", async () => {
    const root = repo({ "src/server.js": SERVER, "src/clean.js": "export const x = 1;\n" });
    const run = await runUpkeep(["sast", "scan", root]);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain("CRITICAL js-command-injection");
    expect(run.stdout).toContain("src/server.js:3");
    expect(run.stdout).toContain("1 finding(s): 1 critical");
  });

  it("passes with exit 0 when the threshold is above every finding", async () => {
    const root = repo({ "src/server.js": SERVER });
    expect((await runUpkeep(["sast", "scan", root, "--fail-on", "none"])).exitCode).toBe(0);
  });

  it("writes SARIF that validates against the SARIF 2.1.0 schema, with CWE tags and fingerprints", async () => {
    const root = repo({ "src/server.js": SERVER, ".github/workflows/greet.yml": WORKFLOW });
    const run = await runUpkeep(["sast", "scan", root, "--format", "sarif"]);
    const log = JSON.parse(run.stdout);
    expect(validateSarif(log)).toEqual([]);
    const [engine] = log.runs;
    expect(engine.results.map((result: { ruleId: string }) => result.ruleId).sort()).toEqual([
      "gha-script-injection",
      "js-command-injection",
    ]);
    const rule = engine.tool.driver.rules.find(
      (r: { id: string }) => r.id === "js-command-injection",
    );
    expect(rule.properties["security-severity"]).toBe("9.5");
    expect(rule.properties.tags).toContain("external/cwe/cwe-78");
    expect(engine.results[0].partialFingerprints["upkeep/v1"]).toMatch(/^[0-9a-f]{32}$/);
  });

  it("fails only on findings that are not in the baseline", async () => {
    const root = repo({ "src/server.js": SERVER });
    const baseline = await runUpkeep([
      "sast",
      "scan",
      root,
      "--format",
      "sarif",
      "--output",
      join(root, "baseline.sarif"),
    ]);
    expect(baseline.exitCode).toBe(1);
    // Move the old finding down two lines and add a new one: only the new one counts.
    writeFileSync(
      join(root, "src/server.js"),
      `// moved\n\n${SERVER}app.get("/x", (req) => exec(req.body.cmd));\n`,
    );
    const run = await runUpkeep([
      "sast",
      "scan",
      root,
      "--baseline",
      join(root, "baseline.sarif"),
      "--format",
      "json",
    ]);
    const report = JSON.parse(run.stdout);
    const states = report.findings.map((f: { startLine: number; baselineState: string }) => [
      f.startLine,
      f.baselineState,
    ]);
    expect(states).toEqual([
      [5, "unchanged"],
      [7, "new"],
    ]);
    expect(run.exitCode).toBe(1);
    writeFileSync(join(root, "src/server.js"), `// moved\n\n${SERVER}`);
    const clean = await runUpkeep([
      "sast",
      "scan",
      root,
      "--baseline",
      join(root, "baseline.sarif"),
    ]);
    expect(clean.exitCode).toBe(0);
  });

  it("records suppressions and baseline states in SARIF that still validates", async () => {
    const suppressed = SERVER.replace(
      "  exec(",
      "  // upkeep-ignore[js-command-injection]: host comes from our allowlist middleware\n  exec(",
    );
    const root = repo({ "src/a.js": SERVER, "src/b.js": suppressed });
    await runUpkeep([
      "sast",
      "scan",
      root,
      "--format",
      "sarif",
      "--output",
      join(root, "base.sarif"),
    ]);
    writeFileSync(join(root, "src/c.js"), SERVER);
    const run = await runUpkeep([
      "sast",
      "scan",
      root,
      "--format",
      "sarif",
      "--baseline",
      join(root, "base.sarif"),
    ]);
    const log = JSON.parse(run.stdout);
    expect(validateSarif(log)).toEqual([]);
    const results = log.runs[0].results.map(
      (r: {
        locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
        baselineState: string;
        suppressions?: { justification: string }[];
      }) => [
        r.locations[0]?.physicalLocation.artifactLocation.uri,
        r.baselineState,
        r.suppressions?.[0]?.justification,
      ],
    );
    expect(results).toEqual([
      ["src/a.js", "unchanged", undefined],
      ["src/b.js", "unchanged", "host comes from our allowlist middleware"],
      ["src/c.js", "new", undefined],
    ]);
    expect(run.exitCode).toBe(1);
  });

  it("reports files it cannot read and exits 3, while still scanning the rest", async () => {
    const root = repo({
      "src/server.js": SERVER.replace("exec(`", "execSync(`").replace("{ exec }", "{ execSync }"),
      "src/binary.js": Buffer.from([0x63, 0x6f, 0x00, 0x01, 0x02]),
      "src/latin1.py": Buffer.from("name = 'caf\xe9'\n", "latin1"),
      "src/bundle.js": `var a=${"1+".repeat(15_000)}1;\n`,
      "src/broken.ts": "const agent = { rejectUnauthorized: true };\nexport function (\n",
    });
    const run = await runUpkeep(["sast", "scan", root, "--fail-on", "none", "--format", "json"]);
    expect(run.exitCode).toBe(3);
    const report = JSON.parse(run.stdout);
    expect(report.incomplete).toBe(true);
    expect(report.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual([
      "js-command-injection",
    ]);
    const problems = Object.fromEntries(
      report.problems.map((p: { subject: string; message: string }) => [p.subject, p.message]),
    );
    expect(problems["src/binary.js"]).toContain("binary");
    expect(problems["src/latin1.py"]).toContain("not valid UTF-8");
    expect(problems["src/bundle.js"]).toContain("looks minified");
    expect(problems["src/broken.ts"]).toContain("syntax error");
    expect(run.stderr).toContain("src/binary.js");
  });

  it("skips .gitignore'd, vendored and excluded files", async () => {
    const root = repo({
      ".gitignore": "generated/\n",
      "generated/server.js": SERVER,
      "node_modules/pkg/server.js": SERVER,
      "legacy/server.js": SERVER,
      "vendor.min.js": SERVER,
      "src/generated-client.js": `// Code generated by openapi-generator. DO NOT EDIT.\n${SERVER}`,
      ".github/upkeep.yml": "sast:\n  exclude: [legacy/]\n",
    });
    const run = await runUpkeep(["sast", "scan", root, "--format", "json"]);
    const report = JSON.parse(run.stdout);
    expect(report.findings).toEqual([]);
    expect(report.skipped).toMatchObject({ vendored: 1, minified: 1, generated: 1 });
    expect(run.exitCode).toBe(0);
  });

  it("scans many files on worker threads with the same results as one thread", async () => {
    const files: Record<string, string> = {};
    for (let index = 0; index < 120; index++)
      files[`src/file-${String(index).padStart(3, "0")}.js`] =
        index % 10 === 0 ? SERVER : "export const ok = 1;\n";
    const root = repo(files);
    const threaded = JSON.parse(
      (await runUpkeep(["sast", "scan", root, "--format", "json", "--jobs", "2"])).stdout,
    );
    const single = JSON.parse(
      (await runUpkeep(["sast", "scan", root, "--format", "json", "--jobs", "1"])).stdout,
    );
    expect(threaded.filesScanned).toBe(120);
    expect(threaded.findings).toHaveLength(12);
    expect(threaded.findings).toEqual(single.findings);
  });

  it("loads user rules and names a broken one, scanning on with the others", async () => {
    const root = repo({
      "src/app.js": "debugger;\n",
      "rules/no-debugger.yml":
        "id: no-debugger\nlanguage: javascript\nseverity: low\nmessage: Remove debugger statements\nrule: { kind: debugger_statement }\n",
      "rules/broken.yml":
        "id: broken\nlanguage: javascript\nseverity: high\nmessage: m\nrule: { kind: not_a_kind }\n",
    });
    const run = await runUpkeep([
      "sast",
      "scan",
      root,
      "--rules",
      join(root, "rules"),
      "--fail-on",
      "low",
    ]);
    expect(run.stdout).toContain("no-debugger");
    expect(run.stdout).toContain("rules/broken.yml (rule broken)");
    expect(run.exitCode).toBe(1);
  });

  it("names the file, key and line of a bad sast config", async () => {
    const root = repo({
      "src/server.js": SERVER,
      ".github/upkeep.yml": "sast:\n  failOn: severe\n  ignore:\n    - rule: js-eval\n",
    });
    const run = await runUpkeep(["sast", "scan", root]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(".github/upkeep.yml:2:11 at sast.failOn");
    expect(run.stderr).toMatch(/upkeep\.yml:4:\d+ at sast\.ignore\.0\.reason/);
  });

  it("rejects a bad option with usage exit 2", async () => {
    const run = await runUpkeep(["sast", "scan", "--format", "xml"]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("--format must be one of table, json, sarif");
  });
});

describe("upkeep sast rules", () => {
  it("lists every built-in rule with language, severity and CWE", async () => {
    const run = await runUpkeep(["sast", "rules", "--format", "json"]);
    expect(run.exitCode).toBe(0);
    const rules = JSON.parse(run.stdout) as {
      id: string;
      language: string;
      metadata: { cwe: string[] };
    }[];
    const languages = new Set(rules.map((rule) => rule.language));
    expect([...languages].sort()).toEqual(["github-actions", "go", "java", "javascript", "python"]);
    expect(rules.find((rule) => rule.id === "js-sql-injection")?.metadata.cwe).toEqual(["CWE-89"]);
  });
});
