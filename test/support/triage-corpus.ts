// The triage corpus (test/corpus/triage/): real issues with the severity their maintainers gave,
// mapped to critical/major/minor by each project's declared rule (projects.json). Used by the
// quality bench and the corpus tests; scoring goes through decideSeverity, as the App's does.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { type Severity, severityField } from "../../core/config/fields.ts";
import type { TriageConfig } from "../../core/triage/config.ts";
import { decideSeverity } from "../../core/triage/decide.ts";

export const CORPUS_DIR = new URL("../corpus/triage/", import.meta.url).pathname;
export const SPLITS = ["dev", "heldout"] as const;
export type Split = (typeof SPLITS)[number];

const recordSchema = z.strictObject({
  project: z.string(),
  url: z.url(),
  licence: z.string(),
  source: z.string(),
  title: z.string(),
  body: z.string(),
  labels: z.array(z.string()).min(1),
  expected: severityField,
  rule: z.string(),
});
export type CorpusIssue = z.infer<typeof recordSchema>;

const projectSchema = z.strictObject({
  licence: z.string(),
  labels: z.string(),
  mapping: z.strictObject({
    critical: z.array(z.string()),
    major: z.array(z.string()),
    minor: z.array(z.string()),
  }),
});
export type CorpusProject = z.infer<typeof projectSchema>;

export function loadSplit(split: Split): CorpusIssue[] {
  const text = readFileSync(join(CORPUS_DIR, `${split}.jsonl`), "utf8");
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line, index) => {
      const parsed = recordSchema.safeParse(JSON.parse(line));
      if (!parsed.success)
        throw new Error(`${split}.jsonl line ${index + 1}: ${parsed.error.message}`);
      return parsed.data;
    });
}

export function loadProjects(): Record<string, CorpusProject> {
  const raw = JSON.parse(readFileSync(join(CORPUS_DIR, "projects.json"), "utf8"));
  return z.record(z.string(), projectSchema).parse(raw);
}

export interface TriageScore {
  n: number;
  agree: number;
  undecided: number;
  /** Critical called minor or minor called critical. */
  criticalMinor: number;
  /** expected → decided ("none" when undecided) → count. */
  confusion: Record<Severity, Record<Severity | "none", number>>;
}

export type Decide = (issue: CorpusIssue) => Severity | null;

/** The App's decision for an issue as opened: no labels, no timeline, no human choice yet. */
export function decideAsOpened(config: TriageConfig): Decide {
  return (issue) =>
    decideSeverity({ title: issue.title, body: issue.body, labels: [] }, config).severity;
}

export function scoreTriage(issues: CorpusIssue[], decide: Decide): TriageScore {
  const row = () => ({ critical: 0, major: 0, minor: 0, none: 0 });
  const score: TriageScore = {
    n: issues.length,
    agree: 0,
    undecided: 0,
    criticalMinor: 0,
    confusion: { critical: row(), major: row(), minor: row() },
  };
  for (const issue of issues) {
    const decided = decide(issue);
    score.confusion[issue.expected][decided ?? "none"]++;
    if (decided === null) score.undecided++;
    else if (decided === issue.expected) score.agree++;
    else if (decided !== "major" && issue.expected !== "major") score.criticalMinor++;
  }
  return score;
}

const percent = (part: number, whole: number) =>
  `${whole === 0 ? "0.0" : ((100 * part) / whole).toFixed(1)}%`;

/** The line the issue asks for: `quality triage <corpus>: <agree>/<n> agree (…)`. */
export function qualityLine(name: string, score: TriageScore): string {
  const { n, agree, undecided, criticalMinor } = score;
  return (
    `quality triage ${name}: ${agree}/${n} agree (${percent(agree, n)}), ` +
    `${undecided} without severity (${percent(undecided, n)}), ` +
    `${criticalMinor} critical<->minor (${percent(criticalMinor, n)})`
  );
}
