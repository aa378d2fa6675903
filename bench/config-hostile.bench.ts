// Config parsing on hostile files at the size budget (256 KiB): the worst time per shape, next to
// a real-sized valid file. Prints figures; never fails on a time.
import { CONFIG_BUDGET, parseConfigText } from "../core/config/parse.ts";

const RUNS = 5;

function fill(line: (index: number) => string): string {
  const lines: string[] = [];
  let size = 0;
  for (let index = 0; index < CONFIG_BUDGET.maxLines - 2; index++) {
    const next = line(index);
    if (size + next.length + 1 > CONFIG_BUDGET.maxBytes - 64) break;
    lines.push(next);
    size += next.length + 1;
  }
  return lines.join("\n");
}

function aliasBomb(): string {
  const lines = ["a: &a [x, x, x, x, x, x, x, x, x]"];
  for (let level = 1; level < 9; level++) {
    const name = String.fromCharCode(97 + level);
    lines.push(
      `${name}: &${name} [${Array(9)
        .fill(`*${String.fromCharCode(96 + level)}`)
        .join(", ")}]`,
    );
  }
  return lines.join("\n");
}

const cases: [string, string][] = [
  [
    "valid, real-sized (2 KiB)",
    "triage:\n  explain: true\n  rules:\n" +
      Array.from(
        { length: 40 },
        (_, i) => `    - severity: minor\n      keywords: [word${i}]`,
      ).join("\n"),
  ],
  ["alias bomb (9^9 expansion)", aliasBomb()],
  ["unknown keys at the top level", fill((index) => `k${index}: 1`)],
  ["unknown keys in one section", `triage:\n${fill((index) => `  k${index}: 1`)}`],
  ["anchors on every value", fill((index) => `k${index}: &a${index} 1`)],
  ["5k lines of 50-byte flow lists", fill((index) => `k${index}: [${"a, ".repeat(15)}b]`)],
  [
    "over the line budget (27k lines)",
    Array.from({ length: 27_000 }, (_, i) => `k${i}: 1`).join("\n"),
  ],
  ["duplicate key at the end", `${fill((index) => `k${index}: 1`)}\nk0: 2`],
  ["flow nesting past the stack", `a: ${"[".repeat(100_000)}${"]".repeat(100_000)}`],
  ["block nesting", fill((index) => `${" ".repeat(index % 2000)}k:`)],
  ["a flow sequence over 5k lines", `a: [${fill(() => "1,")}1]`],
  ["compact mappings on one line", ": ".repeat(120 * 1024)],
  ["compact mappings, 8 KiB lines", fill(() => ": ".repeat(4000))],
  ["dashes, 8 KiB lines", fill(() => "- ".repeat(4000))],
  ["flow nesting with quoted closers", `a: ${'["]",\n'.repeat(40_000)}`],
  ["over the size budget (300 KiB)", `a: ${"x".repeat(300 * 1024)}`],
];

let worst = { name: "", ms: 0 };
for (const [name, text] of cases) {
  const times: number[] = [];
  let outcome = "";
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    const result = parseConfigText(text);
    times.push(performance.now() - started);
    outcome = result.ok
      ? "valid"
      : `${result.problems.length} problem(s): ${result.problems[0]?.message.slice(0, 50)}`;
  }
  const max = Math.max(...times);
  const min = Math.min(...times);
  if (max > worst.ms) worst = { name, ms: max };
  const kib = (Buffer.byteLength(text) / 1024).toFixed(0).padStart(4);
  console.log(
    `${name.padEnd(34)} ${kib} KiB  min ${min.toFixed(1).padStart(7)} ms  max ${max.toFixed(1).padStart(7)} ms  (${outcome})`,
  );
}
console.log(`worst: ${worst.name}, ${worst.ms.toFixed(1)} ms`);
