import { describe, expect, it } from "vitest";
import { parseConfigText } from "../../core/config/parse.ts";
import { defaultConfig } from "../../core/config/schema.ts";
import type { TriageConfig } from "../../core/triage/config.ts";
import { decideSeverity } from "../../core/triage/decide.ts";
import { formSeverity } from "../../core/triage/form.ts";
import { keywordMatcher } from "../../core/triage/keywords.ts";
import { cpuMillis, WORST_CASE_CPU_MS } from "../support/cpu-time.ts";

const defaults = defaultConfig().triage;

function configFrom(yaml: string): TriageConfig {
  const result = parseConfigText(yaml);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.config.triage;
}

function problems(yaml: string) {
  const result = parseConfigText(yaml, ".github/upkeep.yml");
  if (result.ok) throw new Error("expected the config to be invalid");
  return result.problems;
}

const spaces = (count: number) => " ".repeat(count);

describe("issue-form headings on hostile bodies", () => {
  it.each([
    ["### + 100k spaces", `###${spaces(100_000)}`],
    ["### a + spaces + #x (cubic for the old heading pattern)", `### a${spaces(100_000)}#x`],
    ["many short headings", `### a ${spaces(20)}#x\n`.repeat(5_000)],
    ["hashes only", "#".repeat(100_000)],
  ])("%s is read promptly", (_case, body) => {
    const { result, ms } = cpuMillis(() => formSeverity(body, "Severity"));
    expect(result).toBeUndefined();
    expect(ms).toBeLessThan(WORST_CASE_CPU_MS);
  });

  it.each([
    ["### Severity\n\nCritical: system down", "critical"],
    ["  ### Severity ###\nmajor", "major"],
    ["### Severity   \n\nMinor\n### Next\nCritical", "minor"],
    ["### Severity#\n\nCritical", undefined],
    ["#### Severity\n\nCritical", undefined],
    ["###Severity\n\nCritical", undefined],
    ["### Severity\n\n_No response_", undefined],
  ])("%j → %s", (body, severity) => {
    expect(formSeverity(body, "Severity")?.severity).toBe(severity);
  });
});

describe("user triage rules run on RE2", () => {
  it("a catastrophic pattern such as (a+)+$ runs in linear time", () => {
    const config = configFrom(
      "triage:\n  builtInRules: false\n  rules:\n    - severity: critical\n      body: '(a+)+$'\n",
    );
    const body = `${"a".repeat(60_000)}!`;
    const { result, ms } = cpuMillis(() =>
      decideSeverity({ title: "x", body, labels: [] }, config),
    );
    expect(result.severity).toBeNull();
    expect(ms).toBeLessThan(WORST_CASE_CPU_MS);
  });

  it.each([
    ["lookbehind", "(?<=x)y"],
    ["lookahead", "a(?=b)"],
    ["a backreference", "(a)\\1"],
  ])("%s is a located config error that says RE2", (_case, pattern) => {
    const [problem] = problems(
      `triage:\n  rules:\n    - severity: major\n      pattern: '${pattern}'\n`,
    );
    expect(problem).toMatchObject({ path: "triage.rules.0.pattern", line: 4 });
    expect(problem?.message).toMatch(/RE2/);
  });

  it("a pattern whose RE2 program is too large is refused with a hint", () => {
    const [problem] = problems(
      "triage:\n  rules:\n    - severity: major\n      title: '[a-z]{1000}[0-9]{500}'\n",
    );
    expect(problem).toMatchObject({ path: "triage.rules.0.title", line: 4 });
    expect(problem?.message).toMatch(/too complex.*counted repetitions/);
  });

  it("rules past the work budget are skipped and the explanation says so", () => {
    const rule = "    - severity: critical\n      body: '[a-z]{900}[0-9]'\n";
    const config = configFrom(`triage:\n  builtInRules: false\n  rules:\n${rule.repeat(40)}`);
    const body = "a".repeat(65_000);
    const { result, ms } = cpuMillis(() =>
      decideSeverity({ title: "x", body, labels: [] }, config),
    );
    expect(result.severity).toBeNull();
    expect(result.reason).toMatch(/rules\[\d+\] and the rules after it were not checked/);
    expect(ms).toBeLessThan(WORST_CASE_CPU_MS);
  });

  it("a body longer than GitHub allows is cut, and a decision that depended on it says so", () => {
    const body = `${"Fine. ".repeat(12_000)}The site is down`;
    const decision = decideSeverity({ title: "Report", body, labels: [] }, defaults);
    expect(decision.severity).toBeNull();
    expect(decision.reason).toContain("only the first 65,536 characters of the body were read");
  });
});

describe("keyword rules", () => {
  it.each([
    [["api"], "The API rejects tokens", "api"],
    [["api"], "Rapid clicks", undefined],
    [["data loss"], "we saw Data\n  Loss today", "data loss"],
    [["data loss"], "data-loss", undefined],
    [["node.js"], "runs on Node.js 20", "node.js"],
    [["node.js"], "node.jsx", undefined],
    [["c++"], "the C++ build", "c++"],
    [["c++"], "c++x", undefined],
    [["500 error"], "got a 500 error", "500 error"],
    [["crash", "outage"], "outage after crash", "outage"],
    [["über"], "ÜBER alles", "über"],
  ])("%j in %j → %s", (keywords, text, found) => {
    expect(keywordMatcher(keywords).find(text)).toBe(found);
  });

  it("the longest allowed list over the longest body is one linear pass", () => {
    // Every keyword shares a 90-word prefix that the text repeats: each start walks 90 deep.
    const keywords = Array.from({ length: 1_000 }, (_, index) => `${"a ".repeat(90)}${index}`);
    const matcher = keywordMatcher(keywords);
    const text = "a ".repeat(32_768);
    const { result, ms } = cpuMillis(() => matcher.find(text));
    expect(result).toBeUndefined();
    expect(ms).toBeLessThan(WORST_CASE_CPU_MS);
  });

  it.each([
    [
      "too many keywords",
      `[${Array.from({ length: 1_001 }, (_, i) => `k${i}`).join(", ")}]`,
      /at most 1000 keywords/,
    ],
    ["a keyword too long", `[${"x".repeat(201)}]`, /at most 200 characters/],
  ])("%s is a config error", (_case, list, message) => {
    const [problem] = problems(
      `triage:\n  rules:\n    - severity: major\n      keywords: ${list}\n`,
    );
    expect(problem?.path).toMatch(/^triage\.rules\.0\.keywords/);
    expect(problem?.message).toMatch(message);
  });
});
