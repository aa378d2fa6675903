// Hostile lockfiles (issue #14): every parser, fed random and adversarial text, returns a result
// (problems naming the file, never an exception) within a generous per-input budget. The budget
// only catches hangs and blow-ups (seconds where linear parsing takes milliseconds); the bench
// `npm run bench -- deps-hostile` prints the real times at a large size.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseLockfileText } from "../../../core/deps/lockfiles/index.ts";
import type { LockfileParseResult } from "../../../core/deps/package.ts";
import { runUpkeep } from "../../support/run-cli.ts";
import { parsersUnderTest, worstCases } from "../support/hostile-lockfiles.ts";

const PER_INPUT_BUDGET_MS = 3_000;
const targets = parsersUnderTest();

/** Parses straight through the parser (no safety net) and checks the result's shape. */
function parseWithinBudget(
  target: (typeof targets)[number],
  text: string,
): { result: LockfileParseResult; milliseconds: number } {
  const started = performance.now();
  const result = target.parser.parse(target.path, text);
  const milliseconds = performance.now() - started;
  for (const problem of result.problems) {
    expect(problem.file).toBe(target.path);
    expect(problem.message.length).toBeGreaterThan(0);
  }
  for (const found of result.packages) {
    expect(typeof found.name).toBe("string");
    expect(found.name.length, "a package always has a name").toBeGreaterThan(0);
    expect(typeof found.version).toBe("string");
  }
  return { result, milliseconds };
}

/** A real sample with random damage: cut, spliced with random text, or with a slice repeated. */
function mutatedSample(sample: string) {
  const at = fc.nat({ max: sample.length });
  return fc.oneof(
    at.map((cut) => sample.slice(0, cut)),
    fc
      .tuple(at, fc.string({ unit: "binary", maxLength: 40 }))
      .map(([cut, inserted]) => sample.slice(0, cut) + inserted + sample.slice(cut)),
    fc.tuple(at, at, fc.integer({ min: 2, max: 200 })).map(([from, to, times]) => {
      const [start, end] = from < to ? [from, to] : [to, from];
      return sample.slice(0, end) + sample.slice(start, end).repeat(times) + sample.slice(end);
    }),
    fc
      .tuple(at, fc.constantFrom("\\", "#", "@", "(", "[", "{", '"', "'", "&a ", "*a", "\t", "\0"))
      .map(([cut, char]) => sample.slice(0, cut) + char.repeat(500) + sample.slice(cut)),
  );
}

describe.each(targets)("$parser.format under hostile input", (target) => {
  it("never throws on random or damaged text, and stays within the budget", () => {
    const text = fc.oneof(
      fc.string({ unit: "binary", maxLength: 400 }),
      fc.string({ unit: fc.constantFrom(..."{}[]():,@#\"'\\-= \n\t&*!|>"), maxLength: 2000 }),
      mutatedSample(target.sample),
    );
    fc.assert(
      fc.property(text, (input) => {
        const { milliseconds } = parseWithinBudget(target, input);
        expect(milliseconds).toBeLessThan(PER_INPUT_BUDGET_MS);
      }),
      { numRuns: 150 },
    );
  });

  it.each(Object.entries(worstCases(target, 50_000)))(
    "handles %s without throwing, within the budget",
    (_name, input) => {
      const { milliseconds } = parseWithinBudget(target, input);
      expect(milliseconds).toBeLessThan(PER_INPUT_BUDGET_MS);
    },
  );
});

describe("lockfile budgets", () => {
  const byFormat = new Map(targets.map((target) => [target.parser.format, target]));

  it("a TOML package whose name is not a string is a located error, not a package", () => {
    for (const format of ["uv.lock", "poetry.lock"]) {
      const target = byFormat.get(format)!;
      const text = 'version = 1\n\n[[package]]\nname = 5\nversion = "1.0"\n';
      const result = parseLockfileText(target.parser, target.path, text);
      expect(result.packages).toEqual([]);
      expect(result.problems).toEqual([
        {
          file: target.path,
          line: 3,
          message: '[[package]] "name" should be a non-empty string, found 5',
        },
      ]);
    }
  });

  it("a YAML alias bomb is refused with a message, not expanded", () => {
    const target = byFormat.get("pnpm-lock.yaml")!;
    const result = parseLockfileText(
      target.parser,
      target.path,
      worstCases(target, 10)["YAML alias bomb"]!,
    );
    expect(result.packages).toEqual([]);
    expect(result.problems[0]?.message).toMatch(/aliases expand past the budget of 100/);
  });

  it("JSON and YAML nested past the depth budget are refused with the line where it happens", () => {
    const npm = byFormat.get("npm package-lock.json")!;
    const deepJson = parseLockfileText(npm.parser, npm.path, `{\n"a":${"[".repeat(5000)}`);
    expect(deepJson.problems).toEqual([
      { file: npm.path, line: 2, message: "JSON nested more than 1000 levels deep; not parsed" },
    ]);
    const pnpm = byFormat.get("pnpm-lock.yaml")!;
    const deepYaml = parseLockfileText(pnpm.parser, pnpm.path, `a: 1\nb: ${"[".repeat(5000)}`);
    expect(deepYaml.problems[0]).toMatchObject({
      line: 2,
      message: "YAML nested more than 256 levels deep; not parsed",
    });
  });

  it("a package-lock with 130k entries is listed whole by `upkeep deps list` (no stack overflow)", async () => {
    const packages: Record<string, unknown> = { "": { name: "big", version: "1.0.0" } };
    for (let index = 0; index < 130_000; index++)
      packages[`node_modules/p${index}`] = { version: "1.0.0" };
    const root = mkdtempSync(join(tmpdir(), "upkeep-deps-big-"));
    writeFileSync(
      join(root, "package-lock.json"),
      JSON.stringify({ name: "big", lockfileVersion: 3, packages }),
    );
    const run = await runUpkeep(["deps", "list", "package-lock.json"], { cwd: root });
    expect(run.stderr).toBe("");
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain("130000 packages in 1 lockfile");
  });
});
