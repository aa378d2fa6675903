// Worst-case input per triage parser: the slowest of several runs of each input built to hurt it
// (cubic for the old heading pattern, exponential for `(a+)+$` on a backtracking engine, a rule
// list that exhausts the rule work budget, backtick and raw-HTML floods for the command reader,
// megabytes for the Markdown renderer). Prints CPU milliseconds; asserts nothing.
import { parseConfigText } from "../core/config/parse.ts";
import { codeSpan, inlineText, quotedBlock } from "../core/text/untrusted-markdown.ts";
import { parseRcaCommand } from "../core/tracking/rca/command.ts";
import { parseSeverityCommand } from "../core/triage/command.ts";
import type { TriageConfig } from "../core/triage/config.ts";
import { decideSeverity } from "../core/triage/decide.ts";
import { formSeverity } from "../core/triage/form.ts";
import { keywordMatcher } from "../core/triage/keywords.ts";

const RUNS = 5;

function worstCpuMs(run: () => unknown): number {
  let worst = 0;
  for (let index = 0; index < RUNS; index++) {
    const before = process.cpuUsage();
    run();
    const used = process.cpuUsage(before);
    worst = Math.max(worst, (used.user + used.system) / 1000);
  }
  return worst;
}

function config(yaml: string): TriageConfig {
  const result = parseConfigText(yaml);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.config.triage;
}

const hostileRules = config(
  `triage:\n  rules:\n${"    - severity: critical\n      body: '(a+)+$'\n".repeat(20)}${"    - severity: major\n      body: '[a-z]{900}[0-9]'\n".repeat(20)}`,
);
const budgetFiller = config(
  `triage:\n  rules:\n${"    - severity: major\n      body: '[a-z]{280}[0-9]'\n".repeat(5)}`,
);
const manyKeywordRules = config(
  `triage:\n  rules:\n${Array.from({ length: 200 }, (_, index) => `    - severity: minor\n      keywords: [alpha${index}, 'a a a a b${index}']\n`).join("")}`,
);
const manyKeywords = Array.from({ length: 1_000 }, (_, index) => `${"a ".repeat(90)}${index}`);
const keywordRule = config(
  `triage:\n  rules:\n    - severity: major\n      keywords: [${manyKeywords.map((k) => `'${k}'`).join(", ")}]\n`,
);

const cases: [string, string, () => unknown][] = [
  [
    "form",
    "### a + 65k spaces + #x",
    () => formSeverity(`### a${" ".repeat(65_000)}#x`, "Severity"),
  ],
  ["form", "### + 100k spaces", () => formSeverity(`###${" ".repeat(100_000)}`, "Severity")],
  [
    "rules",
    "(a+)+$ ×20 and [a-z]{900}[0-9] ×20 on 65k a's and a !",
    () => decideSeverity({ title: "x", body: `${"a".repeat(65_535)}!`, labels: [] }, hostileRules),
  ],
  [
    "rules",
    "[a-z]{280}[0-9] ×5 (one fills the work budget) on 65k a's",
    () => decideSeverity({ title: "x", body: "a".repeat(65_536), labels: [] }, budgetFiller),
  ],
  [
    "rules",
    "1,000 keywords sharing a 90-word prefix on 65k chars",
    () => decideSeverity({ title: "x", body: "a ".repeat(32_768), labels: [] }, keywordRule),
  ],
  [
    "rules",
    "200 keyword rules on 65k chars",
    () => decideSeverity({ title: "x", body: "a ".repeat(32_768), labels: [] }, manyKeywordRules),
  ],
  [
    "rules",
    "keyword matcher alone, same input",
    () => keywordMatcher(manyKeywords).find("a ".repeat(32_768)),
  ],
  [
    "commands",
    "/severity + 100k spaces + x y",
    () => parseSeverityCommand(`/severity${" ".repeat(100_000)}x y`),
  ],
  [
    "commands",
    "backtick runs of every length",
    () => parseSeverityCommand(Array.from({ length: 350 }, (_, n) => "`".repeat(n + 1)).join(" ")),
  ],
  [
    "commands",
    "a lone backtick on 30k lines",
    () => parseSeverityCommand(`${"`\n".repeat(30_000)}/severity major`),
  ],
  [
    "commands",
    "/rca x + 100k spaces + U+2028",
    () => parseRcaCommand(`/rca x${" ".repeat(100_000)}\u2028y\u2028`),
  ],
  ["commands", "10k unclosed <pre lines", () => parseRcaCommand("<pre \n".repeat(10_000))],
  [
    "markdown",
    "inlineText of 1 MB of @, # and specials",
    () => inlineText("@a #1 <b>`".repeat(100_000), 300),
  ],
  ["markdown", "codeSpan of 1 MB of backticks", () => codeSpan("`".repeat(1_000_000), 40)],
  ["markdown", "quotedBlock of 1 MB, 100k lines", () => quotedBlock("@x #2\n".repeat(170_000))],
];

for (const [parser, input, run] of cases)
  console.log(
    `${parser.padEnd(8)} ${worstCpuMs(run).toFixed(1).padStart(8)} ms CPU (worst of ${RUNS})  ${input}`,
  );
