// The flow steps added for real vulnerable apps: across files, reassignment, constant branches,
// collections. Each pairs the reported case with the one that must stay quiet.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { sastConfigSchema } from "../../core/sast/config.ts";
import type { Finding } from "../../core/sast/finding.ts";
import { fileKindOf } from "../../core/sast/languages.ts";
import { matchFile } from "../../core/sast/match-file.ts";
import { runScan } from "../../core/sast/scan/run-scan.ts";
import { builtinRules } from "./corpus-score.ts";

const rules = builtinRules();
const ids = (findings: Finding[]) => findings.map((f) => `${f.path}:${f.startLine}:${f.ruleId}`);
const scan = (path: string, text: string) =>
  ids(matchFile(path, text, fileKindOf(path)!, rules).findings);

async function scanTree(files: Record<string, string>): Promise<string[]> {
  const root = mkdtempSync(join(tmpdir(), "upkeep-sast-flow-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  const report = await runScan({
    root,
    config: sastConfigSchema.parse({}),
    jobs: 1,
    today: new Date(),
  });
  return ids(report.findings);
}

describe("one step across files", () => {
  it("reports a sink in a helper that a route in another file calls with request data", async () => {
    const found = await scanTree({
      "src/routes.ts":
        'import { lookup } from "./db/users";\napp.get("/u", (req) => lookup(req.query.name, "x"));\n',
      "src/db/users.ts":
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the text of a scanned source file
        "import { db } from \"./pool\";\nexport function lookup(name: string, other: string) {\n  return db.query(`SELECT * FROM users WHERE name = '${name}'`);\n}\nexport function count(other: string) {\n  return db.query(`SELECT count(*) FROM ${other}`);\n}\n",
    });
    expect(found).toEqual(["src/db/users.ts:3:js-sql-injection"]);
  });

  it("stays quiet when the importer passes only constants", async () => {
    const found = await scanTree({
      "routes.js":
        'const runTool = require("./run-tool");\napp.get("/t", (req, res) => { runTool("uptime"); res.send(req.query.x ? "ok" : "no"); });\n',
      "run-tool.js":
        'const { exec } = require("child_process");\nmodule.exports = function runTool(command) {\n  exec(command);\n};\n',
    });
    expect(found).toEqual([]);
  });
});

describe("reassignment, constant branches and collections", () => {
  it("a later plain reassignment in the same block replaces request data", () => {
    const text =
      'const { exec } = require("child_process");\napp.get("/", (req) => {\n  let cmd = req.query.c;\n  cmd = "uptime";\n  exec(cmd);\n  let other = req.query.c;\n  if (req.query.safe) other = "uptime";\n  exec(other);\n});\n';
    expect(scan("a.js", text)).toEqual(["a.js:8:js-command-injection"]);
  });

  it("skips the branch of a condition that folds to a constant", () => {
    const text = [
      "class T {",
      "  void run(HttpServletRequest request) throws Exception {",
      '    String param = request.getParameter("p");',
      "    int num = 86;",
      '    String a = (7 * 42) - num > 200 ? "constant" : param;',
      "    Runtime.getRuntime().exec(a);",
      '    String b = (7 * 42) - num > 300 ? "constant" : param;',
      "    Runtime.getRuntime().exec(b);",
      "    String c;",
      '    if ((7 * 42) - num > 200) c = "constant"; else c = param;',
      "    Runtime.getRuntime().exec(c);",
      "  }",
      "}",
    ].join("\n");
    expect(scan("T.java", text)).toEqual(["T.java:8:java-command-injection"]);
  });

  it("a collection holds what was added to it", () => {
    const text = [
      "class T {",
      "  void run(HttpServletRequest request, HttpServletResponse response) throws Exception {",
      "    java.util.List<String> list = new java.util.ArrayList<String>();",
      '    list.add(request.getHeader("Referer"));',
      "    response.getWriter().println(list.get(0));",
      "    java.util.List<String> fixed = new java.util.ArrayList<String>();",
      '    fixed.add("safe");',
      "    response.getWriter().println(fixed.get(0));",
      "  }",
      "}",
    ].join("\n");
    expect(scan("T.java", text)).toEqual(["T.java:5:java-xss"]);
  });
});
