// Every regular expression of Upkeep's own that can see untrusted text (issue and comment bodies,
// titles, markers in issues, config files) is checked free of super-linear backtracking: recheck
// (its native checker, shipped in an npm package; nothing is downloaded) judges each literal
// found in the source, and the functions behind the non-trivial ones are fed worst-case input.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { Lang, parse } from "@ast-grep/napi";
import { check } from "recheck";
import { describe, expect, it } from "vitest";
import { readStatusMarker } from "../../core/health/status.ts";
import { parseHoursText } from "../../core/sla/hours.ts";
import { parseIcsHolidays } from "../../core/sla/ics.ts";
import { normaliseText, stripHtmlComments } from "../../core/text/normalise-text.ts";
import { readMarker, replaceMarker } from "../../core/tracking/markers.ts";
import { parseRcaCommand } from "../../core/tracking/rca/command.ts";
import { BUILT_IN_RULES } from "../../core/triage/built-in-rules.ts";
import { parseSeverityCommand } from "../../core/triage/command.ts";
import { keywordMatcher } from "../../core/triage/keywords.ts";
import { cpuMillis, WORST_CASE_CPU_MS } from "../support/cpu-time.ts";

const root = new URL("../../", import.meta.url).pathname;
const REVIEWED = [
  "core/triage",
  "core/sla",
  "core/tracking",
  "core/health",
  "core/report",
  "core/checkins",
  "core/model",
  "core/text",
  "core/config",
  "app",
  "actions/triage",
];

interface FoundPattern {
  where: string;
  source: string;
  flags: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "dist" ? [] : sourceFiles(path);
    return name.endsWith(".ts") && !name.endsWith(".test.ts") ? [path] : [];
  });
}

function literalsIn(path: string): FoundPattern[] {
  const tree = parse(Lang.TypeScript, readFileSync(path, "utf8")).root();
  return tree.findAll({ rule: { kind: "regex" } }).map((node) => {
    const text = node.text();
    const end = text.lastIndexOf("/");
    return {
      where: `${relative(root, path)}:${node.range().start.line + 1}`,
      source: text.slice(1, end),
      flags: text.slice(end + 1),
    };
  });
}

function dynamicPatternSites(path: string): string[] {
  const tree = parse(Lang.TypeScript, readFileSync(path, "utf8")).root();
  return tree
    .findAll({ rule: { pattern: "new RegExp($$$ARGS)" } })
    .map((node) => `${relative(root, path)}:${node.range().start.line + 1}`);
}

const files = REVIEWED.flatMap((dir) => sourceFiles(join(root, dir)));
const literals = files.flatMap(literalsIn);

/** Patterns built at run time, with the sources they are built from. */
const DYNAMIC: Record<string, FoundPattern[]> = {
  "core/tracking/markers.ts": ["rca", "security-window", "health-incident"].flatMap((kind) => [
    {
      where: `readMarker(${kind})`,
      source: `<!-- upkeep:${kind}((?: [\\w-]+=[^\\s]*)*) -->`,
      flags: "",
    },
    {
      where: `replaceMarker(${kind})`,
      source: `<!-- upkeep:${kind}(?: [\\w-]+=[^\\s]*)* -->`,
      flags: "",
    },
  ]),
  "core/triage/rules.ts": BUILT_IN_RULES.flatMap((rule) =>
    builtInSources(rule).map((source) => ({
      where: `built-in rule ${rule.name}`,
      source,
      flags: "i",
    })),
  ),
};

describe("our own patterns, judged by recheck", () => {
  it("finds the patterns to judge", () => {
    expect(literals.length).toBeGreaterThan(50);
  });

  it("every `new RegExp` site is one whose sources are listed here", () => {
    const sites = files.flatMap(dynamicPatternSites).map((site) => site.replace(/:\d+$/, ""));
    expect(new Set(sites)).toEqual(new Set(Object.keys(DYNAMIC)));
  });

  const unique = new Map<string, FoundPattern>();
  for (const found of [...literals, ...Object.values(DYNAMIC).flat()])
    unique.set(
      `/${found.source}/${found.flags}`,
      unique.get(`/${found.source}/${found.flags}`) ?? found,
    );

  it.each(
    [...unique.values()].map(
      (found) => [`${found.where} /${found.source}/${found.flags}`, found] as const,
    ),
  )(
    "%s is safe",
    async (_name, found) => {
      // A few marker patterns take recheck's automaton ~10 s on a busy machine: no timeout race.
      const diagnostics = await check(found.source, found.flags, { timeout: 80_000 });
      expect(diagnostics.status, JSON.stringify(diagnostics)).toBe("safe");
    },
    90_000,
  );
});

const repeat = (text: string, times: number) => text.repeat(times);

/** Inputs that would take a backtracking pattern minutes, one per non-trivial function. */
const WORST_CASES: [string, () => unknown][] = [
  [
    "/severity with a long run of spaces",
    () => parseSeverityCommand(`/severity${repeat(" ", 100_000)}x y`),
  ],
  [
    "/severity with tabs and no level",
    () => parseSeverityCommand(`/severity${repeat("\t ", 50_000)}`),
  ],
  [
    "/severity among many fences",
    () => parseSeverityCommand(repeat("```\n/severity critical\n", 20_000)),
  ],
  [
    "/rca skip with spaces before a line separator",
    () => parseRcaCommand(`/rca x${repeat(" ", 100_000)}\u2028y\u2028`),
  ],
  ["/rca among many quotes", () => parseRcaCommand(repeat("> /rca skip\n", 20_000))],
  [
    "backtick runs of every length",
    () => parseSeverityCommand(Array.from({ length: 350 }, (_, n) => "`".repeat(n + 1)).join(" ")),
  ],
  [
    "a lone backtick on every line",
    () => parseSeverityCommand(`${repeat("`\n", 30_000)}/severity major`),
  ],
  ["raw tags that never close", () => parseSeverityCommand(repeat("<pre \n", 10_000))],
  ["code spans on every line of one paragraph", () => parseRcaCommand(repeat("`a` b\n", 12_000))],
  ["unclosed HTML comments", () => stripHtmlComments(repeat("<!-- -", 30_000))],
  ["invisible characters", () => normaliseText(repeat("a\u200b\u0001", 60_000))],
  ["keywords over a long token run", () => keywordMatcher(["a b c"]).find(repeat("a b ", 50_000))],
  [
    "a marker that never closes",
    () => readMarker(`<!-- upkeep:rca${repeat(" a=b", 40_000)}`, "rca"),
  ],
  [
    "a marker with dashes where the end should be",
    () => replaceMarker(`<!-- upkeep:rca${repeat(" a-=", 40_000)} --`, "rca", { a: "b" }),
  ],
  [
    "a status marker with long lines",
    () => readStatusMarker(`<!-- upkeep:health-status v1\n${repeat("a", 100_000)}=\n-->`),
  ],
  ["business hours with many spaces", () => parseHoursText(`9:00${repeat(" ", 100_000)}- 17:00`)],
  ["an ics file of long lines", () => parseIcsHolidays(repeat("DTSTART;VALUE=DATE:2026", 10_000))],
  ...BUILT_IN_RULES.flatMap((rule) =>
    builtInSources(rule).map(
      (source) =>
        [
          `built-in rule ${rule.name} on near-misses`,
          () =>
            new RegExp(source, "i").exec(
              repeat("data was lost the secure crash on went completely do ", 2_000),
            ),
        ] as [string, () => unknown],
    ),
  ),
];

describe("worst-case input for our own patterns", () => {
  it.each(WORST_CASES)("%s is handled promptly", (_name, run) => {
    const { ms } = cpuMillis(run);
    expect(ms).toBeLessThan(WORST_CASE_CPU_MS);
  });
});

/** A built-in rule may match its pattern on the title, the body or both. */
function builtInSources(rule: (typeof BUILT_IN_RULES)[number]): string[] {
  return [rule.pattern, rule.title, rule.body].filter((source): source is string => !!source);
}
