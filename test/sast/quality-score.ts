// Scores Upkeep's SAST on real intentionally vulnerable applications (test/corpus/sast): how many
// lines the apps themselves mark as vulnerable a scan reports, and how many of their fixed
// variants it still flags. The expected answers come from the apps (see PROVENANCE.md).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { sastConfigSchema } from "../../core/sast/config.ts";
import type { Finding } from "../../core/sast/finding.ts";
import { runScan } from "../../core/sast/scan/run-scan.ts";

export const QUALITY_CORPUS = new URL("../corpus/sast", import.meta.url).pathname;

const markedLine = z.object({
  file: z.string(),
  line: z.number().int().positive(),
  endLine: z.number().int().positive().optional(),
  /** The app's own category (Juice Shop challenge category, Benchmark CSV category). */
  category: z.string().optional(),
  categories: z.array(z.string()).optional(),
  /** When given, only findings of a rule with a matching CWE count (Benchmark marks whole files). */
  cwe: z.string().optional(),
});
const expectedSchema = z.object({
  source: z.object({ repository: z.url(), commit: z.string(), licence: z.string() }),
  marked: z.array(markedLine),
  fixed: z.array(z.object({ file: z.string(), cwe: z.string().optional() })),
});
type Marked = z.infer<typeof markedLine>;

/** Categories the apps use for flaws a data-flow or pattern rule is meant to find. */
const INJECTABLE =
  /^(injection|xss|unvalidated redirects|sqli|cmdi|pathtraver|redirect|codeinj|deserialization)$/i;

/** CWEs that name the same flaw at a different level of CWE's hierarchy. */
const RELATED_CWES: Record<string, string[]> = {
  "CWE-94": ["CWE-94", "CWE-95"],
  "CWE-22": ["CWE-22", "CWE-23", "CWE-36", "CWE-73"],
  "CWE-78": ["CWE-78", "CWE-77"],
};

export interface CorpusQuality {
  corpus: string;
  marked: number;
  found: number;
  injectableMarked: number;
  injectableFound: number;
  fixed: number;
  fixedFlagged: number;
  misses: string[];
  noise: string[];
}

export function corpusNames(): string[] {
  return readdirSync(QUALITY_CORPUS, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

export async function scoreQualityCorpus(corpus: string): Promise<CorpusQuality> {
  const dir = join(QUALITY_CORPUS, corpus);
  const expected = expectedSchema.parse(
    JSON.parse(readFileSync(join(dir, "expected.json"), "utf8")),
  );
  const report = await runScan({
    root: join(dir, "fixtures"),
    config: sastConfigSchema.parse({}),
    jobs: 1,
    today: new Date("2026-01-01"),
  });
  const cwesOf = new Map(report.rules.map((rule) => [rule.id, rule.metadata.cwe]));
  const relevant = (finding: Finding, cwe: string | undefined) =>
    !cwe ||
    (cwesOf.get(finding.ruleId) ?? []).some((c) => (RELATED_CWES[cwe] ?? [cwe]).includes(c));
  const covers = (finding: Finding, mark: Marked) =>
    finding.path === mark.file &&
    finding.startLine <= (mark.endLine ?? mark.line) &&
    finding.endLine >= mark.line &&
    relevant(finding, mark.cwe);
  const quality: CorpusQuality = {
    corpus,
    marked: expected.marked.length,
    found: 0,
    injectableMarked: 0,
    injectableFound: 0,
    fixed: expected.fixed.length,
    fixedFlagged: 0,
    misses: [],
    noise: [],
  };
  for (const mark of expected.marked) {
    const found = report.findings.some((finding) => covers(finding, mark));
    const injectable = [mark.category, ...(mark.categories ?? [])].some(
      (category) => category !== undefined && INJECTABLE.test(category),
    );
    if (found) quality.found++;
    else
      quality.misses.push(
        `${mark.file}:${mark.line} (${mark.category ?? mark.categories?.join(", ")})`,
      );
    if (injectable) quality.injectableMarked++;
    if (injectable && found) quality.injectableFound++;
  }
  for (const fix of expected.fixed) {
    const flagged = report.findings.filter(
      (finding) => finding.path === fix.file && relevant(finding, fix.cwe),
    );
    if (flagged.length === 0) continue;
    quality.fixedFlagged++;
    quality.noise.push(...flagged.map((f) => `${f.path}:${f.startLine} ${f.ruleId}`));
  }
  return quality;
}

export function percent(part: number, whole: number): string {
  return whole === 0 ? "n/a" : `${((100 * part) / whole).toFixed(0)}%`;
}

export function qualityLine(q: CorpusQuality): string {
  return `quality sast ${q.corpus}: ${q.found}/${q.marked} marked lines found (${percent(q.found, q.marked)}), ${q.fixedFlagged}/${q.fixed} fixed variants flagged (${percent(q.fixedFlagged, q.fixed)}); injectable ${q.injectableFound}/${q.injectableMarked} (${percent(q.injectableFound, q.injectableMarked)})`;
}
