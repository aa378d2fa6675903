// Random and adversarial text through everything triage reads and writes. Each input has a CPU
// budget; the properties are what a maintainer relies on whatever strangers type.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseConfigText } from "../../core/config/parse.ts";
import { defaultConfig } from "../../core/config/schema.ts";
import { codeSpan, inlineText, quotedBlock } from "../../core/text/untrusted-markdown.ts";
import { parseRcaCommand } from "../../core/tracking/rca/command.ts";
import { parseSeverityCommand } from "../../core/triage/command.ts";
import type { TriageConfig } from "../../core/triage/config.ts";
import { decideSeverity } from "../../core/triage/decide.ts";
import { formFieldValue } from "../../core/triage/form.ts";
import { planLabels } from "../../core/triage/plan.ts";
import { cpuMillis, WORST_CASE_CPU_MS } from "../support/cpu-time.ts";

/** Pieces that matter to Markdown, forms, commands and mentions, glued and repeated at random. */
const PIECES = [
  "###",
  "#",
  " ",
  "  ",
  "\t",
  "\n",
  "\r\n",
  "\u2028",
  "\u200b",
  "\u2060",
  "`",
  "```",
  "~~~",
  ">",
  "    ",
  "<pre>",
  "</pre>",
  "<code>",
  "</code>",
  "<div>",
  "<!--",
  "-->",
  "\\",
  "/severity",
  " critical",
  " major",
  "/rca",
  " skip",
  "@",
  "@alice",
  "@org/team",
  "#12",
  "GH-7",
  "a",
  "down",
  "outage",
  "&#64;",
  "<img src=x>",
  "Severity",
  "_No response_",
  "\ud800",
  "😀",
  "|",
  "$",
];

const piece = fc.oneof(fc.constantFrom(...PIECES), fc.string({ unit: "binary", maxLength: 8 }));
const adversarial = fc.oneof(
  fc.array(piece, { maxLength: 200 }).map((parts) => parts.join("")),
  fc
    .tuple(fc.array(piece, { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 20_000 }))
    .map(([parts, times]) => parts.join("").repeat(times).slice(0, 70_000)),
  fc.string({ unit: "binary", maxLength: 2_000 }),
);

function timed<T>(run: () => T): T {
  const { result, ms } = cpuMillis(run);
  expect(ms).toBeLessThan(WORST_CASE_CPU_MS);
  return result;
}

const BARE_MENTION = /@(?!\u2060)[\p{L}\p{N}_-]/u;
const BARE_REFERENCE = /#(?!\u2060)\d/;

const ruleConfig: TriageConfig = (() => {
  const yaml = [
    "triage:",
    "  explain: true",
    "  rules:",
    "    - { severity: critical, body: '(a+)+$' }",
    "    - { severity: major, pattern: '(x|xx)+y', keywords: [down, '@alice', 'c++'] }",
    "    - { severity: minor, title: '^\\[(docs|typo)\\]' }",
  ].join("\n");
  const result = parseConfigText(yaml);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.config.triage;
})();

describe("triage decision on hostile issues", () => {
  it.each([
    ["the defaults", defaultConfig().triage],
    ["hostile user rules", ruleConfig],
  ])("with %s: never throws, stays in budget, and says nothing that pings", (_name, config) => {
    const severityLabels = Object.values(config.labels).map((label) => label.name);
    fc.assert(
      fc.property(adversarial, adversarial, (title, body) => {
        const decision = timed(() => decideSeverity({ title, body, labels: [] }, config));
        expect([null, "critical", "major", "minor"]).toContain(decision.severity);
        expect(decision.reason).not.toMatch(BARE_MENTION);
        expect(decision.reason).not.toMatch(BARE_REFERENCE);
        const plan = planLabels([], decision, config);
        for (const label of plan.add)
          expect([...severityLabels, config.needsTriageLabel.name]).toContain(label);
      }),
      { numRuns: 150 },
    );
  });
});

describe("issue-form parsing", () => {
  it("never throws and returns one trimmed line or nothing", () => {
    fc.assert(
      fc.property(adversarial, fc.constantFrom("Severity", "a", "###"), (body, field) => {
        const value = timed(() => formFieldValue(body, field));
        if (value !== undefined) {
          expect(value).toBe(value.trim());
          expect(value).not.toContain("\n");
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe("command parsing", () => {
  const parsers = [
    ["/severity", parseSeverityCommand],
    ["/rca", parseRcaCommand],
  ] as const;

  it.each(parsers)("%s never throws and stays in budget", (_name, parse) => {
    fc.assert(
      fc.property(adversarial, (body) => {
        timed(() => parse(body));
      }),
      { numRuns: 200 },
    );
  });

  it.each(parsers)("%s in a quote never counts, whatever the quoted text", (_name, parse) => {
    fc.assert(
      fc.property(adversarial, (body) => {
        const quoted = body
          .split("\n")
          .map((line) => `> ${line}`)
          .join("\n");
        expect(timed(() => parse(quoted))).toBeUndefined();
      }),
      { numRuns: 200 },
    );
  });

  it.each(parsers)("%s inside <pre> never counts", (name, parse) => {
    fc.assert(
      fc.property(adversarial, (text) => {
        fc.pre(!text.toLowerCase().includes("</pre"));
        expect(timed(() => parse(`<pre>\n${text}\n${name} skip critical\n</pre>`))).toBeUndefined();
      }),
      { numRuns: 200 },
    );
  });
});

describe("the Markdown renderer", () => {
  it("inline text is one line, capped, with every mention, reference and tag inert", () => {
    fc.assert(
      fc.property(adversarial, fc.integer({ min: 1, max: 400 }), (text, max) => {
        const out = timed(() => inlineText(text, max));
        expect(out).not.toMatch(/[\n\r]/);
        expect(out).not.toMatch(BARE_MENTION);
        expect(out).not.toMatch(BARE_REFERENCE);
        expect(out).not.toMatch(/(^|[^\\])[<`[]/);
        expect(out.replace(/[\\\u2060]/g, "").length).toBeLessThanOrEqual(max);
      }),
      { numRuns: 300 },
    );
  });

  it("a code span cannot be closed early by its content", () => {
    fc.assert(
      fc.property(adversarial, (text) => {
        const span = timed(() => codeSpan(text, 200));
        expect(span).not.toMatch(/[\n\r]/);
        expect(span).not.toMatch(BARE_MENTION);
        if (span === "(empty)") return;
        const fence = /^`+/.exec(span)?.[0] as string;
        expect(span.endsWith(fence)).toBe(true);
        const inside = span.slice(fence.length, -fence.length);
        const runs = inside.match(/`+/g) ?? [];
        expect(runs.every((run) => run.length !== fence.length)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("a quoted block quotes every line", () => {
    fc.assert(
      fc.property(adversarial, (text) => {
        const block = timed(() => quotedBlock(text));
        for (const line of block.split("\n")) expect(line.startsWith(">")).toBe(true);
        expect(block).not.toMatch(BARE_MENTION);
      }),
      { numRuns: 200 },
    );
  });
});
