// Config text is written by anyone who can push to a served repository: reading it is bounded in
// size, aliases and depth, and any text at all ends in a config or located problems.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CONFIG_BUDGET, parseConfigText } from "./parse.ts";

function problemsOf(text: string) {
  const result = parseConfigText(text);
  if (result.ok) throw new Error("expected problems");
  return result.problems;
}

/** Lines of `line(i)` until the text is just under the size or line budget. */
function fillBudget(line: (index: number) => string): string {
  const lines: string[] = [];
  let size = 0;
  for (
    let index = 0;
    size < CONFIG_BUDGET.maxBytes - 64 && index < CONFIG_BUDGET.maxLines - 2;
    index++
  ) {
    const next = line(index);
    lines.push(next);
    size += next.length + 1;
  }
  return lines.join("\n");
}

describe("config budgets", () => {
  it("refuses a file over the size budget by its size, before parsing", () => {
    const [problem] = problemsOf(`a: "${"é".repeat(CONFIG_BUDGET.maxBytes / 2)}"`);
    expect(problem?.message).toMatch(
      /the file is 257 KiB; Upkeep reads config files up to 256 KiB/,
    );
  });

  it("refuses an alias bomb at the first alias over the budget", () => {
    const lines = ["a: &a [x, x, x, x, x, x, x, x, x]"];
    for (let level = 1; level < 9; level++) {
      const name = String.fromCharCode(97 + level);
      lines.push(
        `${name}: &${name} [${Array(9)
          .fill(`*${String.fromCharCode(96 + level)}`)
          .join(", ")}]`,
      );
    }
    const [problem] = problemsOf(lines.join("\n"));
    expect(problem).toMatchObject({
      line: 9,
      message: "more than 64 YAML aliases; write the values out",
    });
  });

  it("refuses few aliases that expand exponentially", () => {
    const text = [
      "a: &a [x, x, x, x, x, x, x, x]",
      "b: &b [*a, *a, *a, *a, *a, *a, *a, *a]",
      "c: &c [*b, *b, *b, *b, *b, *b, *b, *b]",
      "d: &d [*c, *c, *c, *c, *c, *c, *c, *c]",
      "e: [*d, *d, *d, *d, *d, *d, *d, *d]",
    ].join("\n");
    expect(problemsOf(text)[0]?.message).toMatch(/YAML aliases expand too far/);
  });

  it("refuses nesting deeper than the budget, at its line", () => {
    const text = Array.from({ length: 40 }, (_, depth) => `${"  ".repeat(depth)}k${depth}:`).join(
      "\n",
    );
    expect(problemsOf(text)[0]).toMatchObject({
      // the 33rd mapping starts at line 33
      line: 33,
      message: "nested deeper than 32 levels",
    });
  });

  it("reports a duplicate key at its second occurrence", () => {
    const text = `${fillBudget((index) => `k${index}: 1`)}\nk7: 2`;
    const [problem] = problemsOf(text);
    expect(problem?.message).toBe("YAML syntax error: Map keys must be unique");
    expect(problem?.line).toBe(text.split("\n").length);
  });

  it("shows twenty problems of a file of thousands of unknown keys, and says how many more", () => {
    const problems = problemsOf(fillBudget((index) => `k${index}: 1`));
    expect(problems).toHaveLength(21);
    expect(problems[0]).toMatchObject({ path: "k0", line: 1 });
    expect(problems[20]?.message).toMatch(/^4978 more problem\(s\) not shown/);
  });

  it("refuses flow collections nested past the budget before the parser recurses into them", () => {
    const oneLine = problemsOf(`a: ${"[".repeat(10_000)}${"]".repeat(10_000)}`);
    expect(oneLine[0]).toMatchObject({
      line: 1,
      column: 260,
      message: "nested deeper than 32 levels",
    });
    const manyLines = problemsOf(`a:\n${"  [\n".repeat(100_000)}`.slice(0, CONFIG_BUDGET.maxBytes));
    expect(manyLines[0]).toMatchObject({ line: 258, message: "nested deeper than 32 levels" });
  });

  it("turns compact collections that exhaust the parser's stack into a problem, not a crash", () => {
    const lines = Array.from({ length: 30 }, () => ": ".repeat(4000)).join("\n");
    expect(problemsOf(lines)[0]?.message).toMatch(/nests too deeply to read/);
  });

  it("refuses a file of more lines than the budget before parsing", () => {
    const text = Array.from({ length: 6_000 }, (_, index) => `k${index}: 1`).join("\n");
    expect(problemsOf(text)[0]).toMatchObject({
      line: 5_000,
      message: "more than 5000 lines; Upkeep reads config files up to that length",
    });
  });

  it("refuses a line longer than the budget by its number", () => {
    const text = `triage:\n  explain: true\n${"- ".repeat(20_000)}\n`;
    expect(problemsOf(text)[0]).toMatchObject({ line: 3, message: "line 3 is longer than 16 KiB" });
  });

  it("keeps brackets inside a real pattern well under the bracket budget", () => {
    const text =
      "triage:\n  rules:\n    - severity: major\n      pattern: '[a-z]+\\[[0-9]{2}\\]'\n";
    expect(parseConfigText(text).ok).toBe(true);
  });
});

// A hang detector, not a speed check: an input that blows this has gone super-linear.
const PER_INPUT_BUDGET_MS = 2_000;

const yamlish = fc.array(
  fc.oneof(
    fc.constantFrom(
      "&a ",
      "*a",
      "<<: ",
      "- ",
      "? ",
      ": ",
      "{",
      "}",
      "[",
      "]",
      ",",
      "\n",
      "  ",
      "#",
    ),
    fc.constantFrom(
      "triage:",
      "sla:",
      "rules:",
      "_extends: ",
      "'",
      '"',
      "|",
      ">",
      "!!str ",
      "%YAML 1.2\n---\n",
    ),
    fc.string({ maxLength: 12 }),
  ),
  { maxLength: 300 },
);

describe("config parsing on arbitrary text", () => {
  it("always ends in a config or located problems, within the per-input budget", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          yamlish.map((parts) => parts.join("")),
          fc.string({ maxLength: 2000 }),
        ),
        (text) => {
          const started = performance.now();
          const result = parseConfigText(text, "fuzz.yml");
          const elapsed = performance.now() - started;
          if (elapsed > PER_INPUT_BUDGET_MS)
            throw new Error(`took ${elapsed} ms on ${JSON.stringify(text)}`);
          if (result.ok) return;
          expect(result.problems.length).toBeGreaterThan(0);
          for (const problem of result.problems) {
            expect(problem.file).toBe("fuzz.yml");
            expect(problem.message.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it("repeats adversarial fragments up to the size budget within the per-input budget", () => {
    const fragment = fc.constantFrom(
      "&a [",
      "*a, ",
      "k: ",
      "- ",
      "{a: ",
      "? ",
      "'x",
      "\\u0041",
      " ",
      "\t",
    );
    fc.assert(
      fc.property(
        fragment,
        fc.integer({ min: 1_000, max: 60_000 }),
        fc.boolean(),
        (piece, times, wrap) => {
          // One long line, or lines just under the line budget (the parser's costly case).
          const raw = piece.repeat(times);
          const text = (wrap ? (raw.match(/[\s\S]{1,8000}/g) ?? []).join("\n") : raw).slice(
            0,
            CONFIG_BUDGET.maxBytes,
          );
          const started = performance.now();
          parseConfigText(text);
          const elapsed = performance.now() - started;
          if (elapsed > PER_INPUT_BUDGET_MS)
            throw new Error(`${JSON.stringify(piece)}×${times}: ${elapsed} ms`);
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe("paths a config names", () => {
  it.each([
    ["tracking:\n  rca:\n    template: /etc/passwd\n", "tracking.rca.template"],
    ["tracking:\n  rca:\n    template: docs/../../secret.md\n", "tracking.rca.template"],
    [
      "tracking:\n  securityWindows:\n    template: ..\\\\x.md\n",
      "tracking.securityWindows.template",
    ],
    [
      "sla:\n  calendars:\n    office:\n      timezone: UTC\n      holidaysIcs: ../holidays.ics\n",
      "sla.calendars.office.holidaysIcs",
    ],
  ])("%j is refused at its key", (text, path) => {
    const problem = problemsOf(text).find((found) => found.path === path);
    expect(problem?.message).toMatch(/expected a path inside the repository/);
    expect(problem?.line).toBeGreaterThan(1);
  });

  it("a plain relative path is accepted", () => {
    expect(parseConfigText("tracking:\n  rca:\n    template: .github/rca..md\n").ok).toBe(true);
  });
});
