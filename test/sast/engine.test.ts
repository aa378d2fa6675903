// The rule engine on inline sources: flow, imports, suppressions, fingerprints, bad rules.
import { describe, expect, it } from "vitest";
import type { Finding } from "../../core/sast/finding.ts";
import { fileKindOf } from "../../core/sast/languages.ts";
import { loadRules } from "../../core/sast/load-rules.ts";
import { matchFile } from "../../core/sast/match-file.ts";
import { applyConfigIgnores } from "../../core/sast/suppressions.ts";
import { builtinRules } from "./corpus-score.ts";

const rules = builtinRules();

function scan(path: string, text: string) {
  return matchFile(path, text, fileKindOf(path)!, rules);
}

function ids(findings: Finding[]): string[] {
  return findings
    .filter((finding) => !finding.suppression)
    .map((finding) => `${finding.ruleId}:${finding.startLine}`);
}

describe("flow from request data into sinks", () => {
  it("reports exec(userInput) but not exec of a constant", () => {
    const text = [
      'const { exec } = require("child_process");',
      'app.get("/", (req) => { const userInput = req.query.cmd; exec(userInput); });',
      'app.get("/ls", () => { exec("ls"); });',
    ].join("\n");
    expect(ids(scan("server.js", text).findings)).toEqual(["js-command-injection:2"]);
  });

  it("follows taint through reassignment and += but not into a nested function's own variable", () => {
    const text = [
      'import { execSync } from "node:child_process";',
      "export function handler(req) {",
      '  let command = "grep ";',
      "  command += req.body.pattern;",
      "  execSync(command);",
      "  function inner() {",
      '    const command = "uptime";',
      "    execSync(command);",
      "  }",
      "}",
    ].join("\n");
    expect(ids(scan("handler.ts", text).findings)).toEqual(["js-command-injection:5"]);
  });

  it("follows request data one step into a helper function called in the same file", () => {
    const text = [
      'const { exec } = require("child_process");',
      "const run = (command, options) => exec(command, options);",
      "function safe(command) { exec(command); }",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: JavaScript source under test
      'app.get("/", (req) => { run(`tool ${req.query.name}`, {}); safe("ls"); });',
    ].join("\n");
    expect(ids(scan("helper.js", text).findings)).toEqual(["js-command-injection:2"]);
  });

  it("follows a Python parameter to its callers in the file", () => {
    const text = [
      "import pickle",
      "from flask import request",
      "def restore(blob):",
      "    return pickle.loads(blob)",
      "def handler():",
      '    return restore(request.cookies["session"])',
    ].join("\n");
    expect(ids(scan("views.py", text).findings)).toEqual(["py-pickle-untrusted:4"]);
  });

  it("needs the sink to come from its module: a local exec function is not child_process", () => {
    const text = [
      "function exec(command) { return command; }",
      'app.get("/", (req) => exec(req.query.x));',
    ].join("\n");
    expect(ids(scan("local.js", text).findings)).toEqual([]);
  });

  it("resolves a Python sink imported under another name", () => {
    const text = [
      "from subprocess import run as sh",
      "def go(name):",
      '    sh("echo " + name, shell=True)',
    ].join("\n");
    expect(ids(scan("tool.py", text).findings)).toEqual(["py-subprocess-shell:3"]);
  });
});

describe("inline suppressions", () => {
  const vulnerable = 'const { exec } = require("child_process");\napp.get("/", (req) => {\n';

  it("honours upkeep-ignore with a reason on the line above", () => {
    const text = `${vulnerable}  // upkeep-ignore[js-command-injection]: host is validated by the router\n  exec(req.query.host);\n});\n`;
    const result = scan("a.js", text);
    expect(ids(result.findings)).toEqual([]);
    expect(result.findings[0]?.suppression).toEqual({
      kind: "inline",
      reason: "host is validated by the router",
    });
  });

  it("honours upkeep-ignore at the end of the same line", () => {
    const text = `${vulnerable}  exec(req.query.host); // upkeep-ignore[js-command-injection]: fixed list upstream\n});\n`;
    expect(ids(scan("a.js", text).findings)).toEqual([]);
  });

  it("refuses a suppression without a reason and says so", () => {
    const text = `${vulnerable}  // upkeep-ignore[js-command-injection]\n  exec(req.query.host);\n});\n`;
    const result = scan("a.js", text);
    expect(ids(result.findings)).toEqual(["js-command-injection:4"]);
    expect(result.problems).toEqual([
      expect.objectContaining({
        level: "warning",
        subject: "a.js",
        line: 3,
        message: expect.stringContaining("has no reason"),
      }),
    ]);
  });

  it("does not let a suppression for another rule hide the finding", () => {
    const text = `${vulnerable}  // upkeep-ignore[js-eval]: not this one\n  exec(req.query.host);\n});\n`;
    expect(ids(scan("a.js", text).findings)).toEqual(["js-command-injection:4"]);
  });
});

describe("config ignores", () => {
  const finding = scan(
    "src/a.js",
    'const { exec } = require("child_process");\nexec(req.query.x);\n',
  ).findings;

  it("ignore by rule and path until the expiry date, then report again with a warning", () => {
    const entry = {
      rule: "js-command-injection",
      paths: ["src/**"],
      reason: "legacy, ticket 12",
      until: "2026-12-31",
    };
    const before = applyConfigIgnores(finding, [entry], new Date("2026-12-31T10:00:00Z"));
    expect(before.findings[0]?.suppression).toEqual({
      kind: "config",
      reason: "legacy, ticket 12",
    });
    const after = applyConfigIgnores(finding, [entry], new Date("2027-01-01T10:00:00Z"));
    expect(after.findings[0]?.suppression).toBeUndefined();
    expect(after.problems[0]?.message).toContain("expired on 2026-12-31");
  });

  it("does not ignore files outside the paths", () => {
    const entry = { rule: "js-command-injection", paths: ["test/**"], reason: "fixtures" };
    expect(
      applyConfigIgnores(finding, [entry], new Date()).findings[0]?.suppression,
    ).toBeUndefined();
  });
});

describe("fingerprints", () => {
  const body =
    'const { exec } = require("child_process");\nexec(req.query.a);\nexec(req.query.a);\n';

  it("stay the same when lines move and tell identical snippets apart by occurrence", () => {
    const original = scan("x.js", body).findings;
    const moved = scan("x.js", `// a new header comment\n\n${body}`).findings;
    expect(original.map((f) => f.fingerprint)).toEqual(moved.map((f) => f.fingerprint));
    expect(moved.map((f) => f.startLine)).toEqual([4, 5]);
    expect(new Set(original.map((f) => f.fingerprint)).size).toBe(2);
  });

  it("change when the flagged code changes", () => {
    const a = scan("x.js", body).findings[0]?.fingerprint;
    const b = scan("x.js", body.replace("req.query.a", "req.query.b")).findings[0]?.fingerprint;
    expect(a).not.toBe(b);
  });
});

describe("bad rules", () => {
  const load = (text: string) => loadRules([{ file: "my-rules/bad.yml", text }]);

  it("names the file and line of a YAML syntax error", () => {
    const { rules: loaded, problems } = load("id: x\nlanguage: [javascript\n");
    expect(loaded).toEqual([]);
    expect(problems[0]).toMatchObject({
      level: "error",
      subject: "my-rules/bad.yml",
      message: expect.stringContaining("YAML syntax error"),
    });
    expect(problems[0]?.line).toBeGreaterThan(0);
  });

  it("names the rule and field of an unknown language", () => {
    const { problems } = load(
      "id: my-rule\nlanguage: cobol\nseverity: high\nmessage: m\nrule: { pattern: x }\n",
    );
    expect(problems[0]?.subject).toBe("my-rules/bad.yml (rule my-rule)");
    expect(problems[0]?.message).toMatch(/^language: /);
  });

  it("reports an ast-grep rule that does not compile", () => {
    const { problems } = load(
      "id: my-rule\nlanguage: javascript\nseverity: high\nmessage: m\nrule: { kind: no_such_kind }\n",
    );
    expect(problems[0]?.message).toContain("invalid ast-grep rule");
  });

  it("reports a taint argument the rule never binds", () => {
    const { problems } = load(
      "id: my-rule\nlanguage: python\nseverity: high\nmessage: m\nrule: { pattern: eval($X) }\ntaint: { argument: CODE }\n",
    );
    expect(problems[0]?.message).toContain("$CODE does not appear");
  });

  it("loads the good rules of a file that also holds a bad one", () => {
    const { rules: loaded, problems } = load(
      "id: good\nlanguage: javascript\nseverity: low\nmessage: m\nrule: { pattern: debugger }\n---\nid: bad\nlanguage: javascript\nseverity: low\n",
    );
    expect(loaded.map((rule) => rule.id)).toEqual(["good"]);
    expect(problems).toHaveLength(1);
  });
});

describe("files that do not parse cleanly", () => {
  it("reports a syntax error with its line and still reports findings around it", () => {
    const text =
      'const { exec } = require("child_process");\nexec(req.query.x);\nfunction broken( {\n';
    const result = scan("broken.js", text);
    expect(result.problems[0]).toMatchObject({ level: "error", subject: "broken.js", line: 3 });
    expect(ids(result.findings)).toEqual(["js-command-injection:2"]);
  });
});

describe("workflow files", () => {
  it("reports a workflow that is not valid YAML with its line", () => {
    const result = scan(".github/workflows/ci.yml", "on: push\njobs:\n  test: [unclosed\n");
    expect(result.findings).toEqual([]);
    expect(result.problems[0]).toMatchObject({
      level: "error",
      subject: ".github/workflows/ci.yml",
    });
    expect(result.problems[0]?.line).toBeGreaterThan(0);
  });

  it("honours a # upkeep-ignore comment above a step", () => {
    const text = [
      "on: push",
      "permissions:",
      "  contents: read",
      "jobs:",
      "  build:",
      "    runs-on: ubuntu-latest",
      "    steps:",
      "      # upkeep-ignore[gha-unpinned-action]: vendored fork we control",
      "      - uses: our-org/setup@v1",
    ].join("\n");
    const result = scan(".github/workflows/ci.yml", text);
    expect(ids(result.findings)).toEqual([]);
    expect(result.findings[0]?.suppression?.reason).toBe("vendored fork we control");
  });
});

describe("python suppressions", () => {
  it("honours # upkeep-ignore on the same line", () => {
    const text =
      "import os\ndef run(cmd):\n    os.system(cmd)  # upkeep-ignore[py-os-system]: cmd is a fixed CLI subcommand\n";
    expect(ids(scan("tool.py", text).findings)).toEqual([]);
  });
});
