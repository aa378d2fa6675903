// Hostile input to the SAST engine: files built to stall it, rules that would be accepted
// silently, and special files where a source should be. Each must end with a located note.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { deepestNesting, MAX_CALL_CHAIN, MAX_NESTING, TimeBudget } from "../../core/sast/budget.ts";
import { sastConfigSchema } from "../../core/sast/config.ts";
import type { Finding } from "../../core/sast/finding.ts";
import { fileKindOf } from "../../core/sast/languages.ts";
import { loadRules } from "../../core/sast/load-rules.ts";
import { matchFile } from "../../core/sast/match-file.ts";
import { runScan } from "../../core/sast/scan/run-scan.ts";
import { applyInlineSuppressions } from "../../core/sast/suppressions.ts";
import { builtinRules } from "./corpus-score.ts";

const rules = builtinRules();

describe("per-file budgets", () => {
  it("skips a file of 30,000 nested calls with a note instead of walking it", () => {
    const text = `const { exec } = require("child_process");\nexec(${"f(".repeat(30_000)}req.query.x${")".repeat(30_000)});\n`;
    const result = matchFile("deep.js", text, fileKindOf("deep.js")!, rules);
    expect(result.findings).toEqual([]);
    expect(result.problems).toEqual([
      expect.objectContaining({
        subject: "deep.js",
        line: 2,
        message: expect.stringContaining(`over the ${MAX_NESTING}-level limit`),
      }),
    ]);
  });

  it("skips a statement of 30,000 chained calls split over lines (deep tree, shallow brackets)", () => {
    const text = `const { exec } = require("child_process");\nexec(req.query.x${"\n  .trim()".repeat(30_000)});\n`;
    const result = matchFile("chain.js", text, fileKindOf("chain.js")!, rules);
    expect(result.problems).toEqual([
      expect.objectContaining({
        subject: "chain.js",
        message: expect.stringContaining(`over the ${MAX_CALL_CHAIN}-call limit`),
      }),
    ]);
  });

  it("still scans ordinary nesting", () => {
    const text = `const { exec } = require("child_process");\nexec(${"String(".repeat(10)}req.query.x${")".repeat(10)});\n`;
    const result = matchFile("shallow.js", text, fileKindOf("shallow.js")!, rules);
    expect(result.findings.map((finding) => finding.ruleId)).toEqual(["js-command-injection"]);
  });

  it("stops a file whose time budget is spent and says its findings may be incomplete", () => {
    const text = 'const { exec } = require("child_process");\nexec(req.query.x);\n';
    const spent = new TimeBudget(5, performance.now() - 1000);
    const result = matchFile("slow.js", text, fileKindOf("slow.js")!, rules, spent);
    expect(result.problems).toEqual([
      expect.objectContaining({
        level: "error",
        subject: "slow.js",
        message: expect.stringContaining("0.005 s per-file budget (sast.maxFileSeconds)"),
      }),
    ]);
  });

  it("measures nesting in one pass whatever the text", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom("(", ")", "[", "]", "{", "}", "\n", "a") }),
        (text) => {
          const { depth } = deepestNesting(text);
          expect(depth).toBeGreaterThanOrEqual(0);
          expect(depth).toBeLessThanOrEqual(text.length);
        },
      ),
    );
  });
});

describe("inline suppression markers on hostile lines", () => {
  const finding = (line: number): Finding => ({
    ruleId: "js-eval",
    severity: "high",
    message: "m",
    path: "a.js",
    startLine: line,
    startColumn: 1,
    endLine: line,
    endColumn: 2,
    snippet: "",
    fingerprint: "f",
    tool: "upkeep",
  });

  it("reads a marker followed by 200,000 spaces (the old pattern backtracked for minutes)", () => {
    const text = `eval(x) // upkeep-ignore[js-eval]:${" ".repeat(200_000)}x${" ".repeat(200_000)}*/`;
    const [applied] = applyInlineSuppressions([finding(1)], text, "a.js").findings;
    expect(applied?.suppression).toEqual({ kind: "inline", reason: "x" });
  });

  it("applies exactly the rules and reason a marker names, whatever surrounds them", () => {
    const word = fc.stringMatching(/^[a-z][a-z-]{0,10}$/);
    const blank = fc.stringMatching(/^[ \t]{0,50}$/);
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 1, maxLength: 3 }),
        blank,
        word,
        blank,
        (ids, pad, reason, tail) => {
          const line = `eval(x) // upkeep-ignore[${ids.join(", ")}]${pad}:${pad}${reason}${tail}`;
          const [applied] = applyInlineSuppressions([finding(1)], line, "a.js").findings;
          if (ids.includes("js-eval")) expect(applied?.suppression?.reason).toBe(reason);
          else expect(applied?.suppression).toBeUndefined();
        },
      ),
    );
  });
});

describe("custom rules that ast-grep would accept or report without a location", () => {
  const rule = (body: string) =>
    `id: my-rule\nlanguage: javascript\nseverity: high\nmessage: m\n${body}`;
  const problemOf = (body: string) => {
    const loaded = loadRules([{ file: "rules/mine.yml", text: rule(body) }]);
    expect(loaded.rules).toEqual([]);
    return loaded.problems[0];
  };

  it("refuses a pattern that does not parse, naming the file, rule and field", () => {
    expect(problemOf('rule:\n  any:\n    - pattern: eval($X)\n    - pattern: "exec("\n')).toEqual({
      level: "error",
      subject: "rules/mine.yml (rule my-rule)",
      message: expect.stringMatching(
        /^rule\.any\[1\]\.pattern: the pattern does not parse as JavaScript/,
      ),
    });
  });

  it("refuses a constraint regex the linear-time engine cannot run", () => {
    expect(
      problemOf('rule:\n  pattern: exec($X)\nconstraints:\n  X:\n    regex: "(a)\\\\1"\n')?.message,
    ).toMatch(/^constraints\.X\.regex: .*backreferences are not supported/);
    expect(
      problemOf('rule:\n  pattern: exec($X)\nconstraints:\n  X:\n    regex: "(a"\n')?.message,
    ).toMatch(/^constraints\.X\.regex: invalid regular expression/);
  });

  it("refuses a lookaround in taint.safePrefix", () => {
    const body = 'rule:\n  pattern: exec($X)\ntaint:\n  argument: X\n  safePrefix: "^(?=https)"\n';
    expect(problemOf(body)?.message).toMatch(/^taint\.safePrefix: .*not supported/);
  });

  it("still loads a valid custom rule for Python, whose grammar has no $ in names", () => {
    const loaded = loadRules([
      {
        file: "rules/py.yml",
        text: "id: py-mine\nlanguage: python\nseverity: low\nmessage: m\nrule:\n  pattern: os.popen($$$ARGS)\n",
      },
    ]);
    expect(loaded.problems).toEqual([]);
    expect(loaded.rules.map((loadedRule) => loadedRule.id)).toEqual(["py-mine"]);
  });
});

describe("special files in the scanned tree", () => {
  const hasMkfifo = spawnSync("mkfifo", ["--version"]).status === 0;

  it.runIf(hasMkfifo)(
    "skips a FIFO named .gitignore and a FIFO source with a note, never blocking",
    async () => {
      const root = mkdtempSync(join(tmpdir(), "upkeep-sast-fifo-"));
      mkdirSync(join(root, "src"));
      writeFileSync(
        join(root, "src/app.js"),
        'const { exec } = require("child_process");\nexec(req.query.x);\n',
      );
      spawnSync("mkfifo", [join(root, ".gitignore"), join(root, "src/pipe.js")]);
      const report = await runScan({
        root,
        config: sastConfigSchema.parse({}),
        jobs: 1,
        today: new Date(),
      });
      expect(report.findings.map((finding) => `${finding.path}:${finding.ruleId}`)).toEqual([
        "src/app.js:js-command-injection",
      ]);
      expect(report.problems).toEqual([
        expect.objectContaining({
          level: "warning",
          subject: ".gitignore",
          message: expect.stringContaining("not a regular file"),
        }),
        expect.objectContaining({
          level: "warning",
          subject: "src/pipe.js",
          message: expect.stringContaining("not a regular file"),
        }),
      ]);
    },
  );
});
