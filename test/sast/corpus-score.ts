// Scores the built-in rules on the labelled corpus: a `ruleid: <id>` comment marks the next
// line as a true finding of that rule; any other finding of any rule is a false positive.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { crossFileTaint } from "../../core/sast/cross-file.ts";
import { fileKindOf } from "../../core/sast/languages.ts";
import { loadRules } from "../../core/sast/load-rules.ts";
import { matchFile } from "../../core/sast/match-file.ts";
import type { CompiledRule } from "../../core/sast/rule.ts";
import { builtinRulesDir, readRuleTexts } from "../../core/sast/rule-files.ts";

export const CORPUS = new URL("fixtures/corpus", import.meta.url).pathname;

export interface RuleScore {
  ruleId: string;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** Files in the rule's own folder, split by polarity. */
  vulnerableFiles: number;
  safeFiles: number;
  misses: string[];
  noise: string[];
}

export function builtinRules(): CompiledRule[] {
  const dir = builtinRulesDir();
  const { rules, problems } = loadRules(readRuleTexts(dir, dir).texts);
  if (problems.length > 0) throw new Error(JSON.stringify(problems, null, 2));
  return rules;
}

function corpusFiles(): string[] {
  return readdirSync(CORPUS, { recursive: true, encoding: "utf8" })
    .map((name) => join(CORPUS, name))
    .filter((path) => /\.ya?ml$/.test(path) || fileKindOf(path))
    .sort();
}

/** Expected (rule, line) pairs: the line after each `ruleid:` label. */
function expectedOf(text: string): Set<string> {
  const expected = new Set<string>();
  text.split("\n").forEach((line, index) => {
    const label = line.match(/ruleid:\s*([\w-]+)/);
    if (label) expected.add(`${label[1]}:${index + 2}`);
  });
  return expected;
}

export function scoreCorpus(rules = builtinRules()): RuleScore[] {
  const scores = new Map<string, RuleScore>(rules.map((rule) => [rule.id, emptyScore(rule.id)]));
  const files = corpusFiles().map((path) => ({
    path,
    name: relative(CORPUS, path),
    text: readFileSync(path, "utf8"),
    kind: path.endsWith(".yml") ? ({ kind: "workflow" } as const) : fileKindOf(path)!,
  }));
  // The scan's cross-file pass, over the whole corpus as one tree.
  const tainted = crossFileTaint(
    files.flatMap((file) =>
      file.kind.kind === "code"
        ? [{ path: file.name, text: file.text, parser: file.kind.parser }]
        : [],
    ),
  );
  for (const { text, name, kind } of files) {
    const folderRule = scores.get(name.split("/")[1] ?? "");
    if (folderRule && /(^|\/)vulnerable/i.test(name)) folderRule.vulnerableFiles++;
    if (folderRule && /(^|\/)safe/i.test(name)) folderRule.safeFiles++;
    const expected = expectedOf(text);
    const found = new Set(
      matchFile(name, text, kind, rules, undefined, tainted[name]).findings.map(
        (f) => `${f.ruleId}:${f.startLine}`,
      ),
    );
    for (const key of found) {
      const score = scores.get(key.split(":")[0]!)!;
      if (expected.has(key)) score.truePositives++;
      else {
        score.falsePositives++;
        score.noise.push(`${name}:${key.split(":")[1]}`);
      }
    }
    for (const key of expected) {
      if (found.has(key)) continue;
      const score = scores.get(key.split(":")[0]!);
      if (!score) throw new Error(`${name}: label names unknown rule ${key}`);
      score.falseNegatives++;
      score.misses.push(`${name}:${key.split(":")[1]}`);
    }
  }
  return [...scores.values()];
}

function emptyScore(ruleId: string): RuleScore {
  return {
    ruleId,
    truePositives: 0,
    falsePositives: 0,
    falseNegatives: 0,
    vulnerableFiles: 0,
    safeFiles: 0,
    misses: [],
    noise: [],
  };
}

export function ratio(part: number, whole: number): number {
  return whole === 0 ? 1 : part / whole;
}
