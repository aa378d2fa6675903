// A security finding from any source, the one entry point of security windows: GitHub's alerts
// and advisories (normalised from webhooks) and Upkeep's own dependency and SAST scans.
import { z } from "zod";
import {
  type FindingSeverity,
  findingSeverityField,
  findingSeverityNames,
} from "../../config/fields.ts";

export const findingSourceNames = [
  "dependabot",
  "code-scanning",
  "secret-scanning",
  "advisory",
  "upkeep-deps",
  "upkeep-sast",
] as const;

export const findingSchema = z.strictObject({
  /** Stable across runs: the same problem always gets the same id. */
  id: z.string().min(1).max(200),
  aliases: z.array(z.string()).optional(),
  source: z.enum(findingSourceNames),
  /** Short human summary, e.g. the advisory's title. */
  title: z.string().optional(),
  package: z.string().min(1).optional(),
  ecosystem: z.string().optional(),
  rule: z.string().min(1).optional(),
  severity: findingSeverityField,
  firstSeenAt: z.iso.datetime({ offset: true }),
  fixHint: z.string().optional(),
  manifestPaths: z.array(z.string()).optional(),
  url: z.string().optional(),
  state: z.enum(["open", "fixed", "dismissed"]).default("open"),
  /** Who dismissed it and why, when state is dismissed (or fixed by a person). */
  resolvedBy: z.string().optional(),
  resolution: z.string().optional(),
  resolutionComment: z.string().optional(),
  resolvedAt: z.string().optional(),
});

export type Finding = z.infer<typeof findingSchema>;
export type FindingInput = z.input<typeof findingSchema>;
export type FindingSource = Finding["source"];

const RANK: Record<FindingSeverity, number> = { low: 0, medium: 1, high: 2, critical: 3 };

export function severityAtLeast(actual: FindingSeverity, needed: FindingSeverity): boolean {
  return RANK[actual] >= RANK[needed];
}

export function mostSevere(severities: FindingSeverity[]): FindingSeverity {
  return severities.reduce<FindingSeverity>(
    (worst, next) => (RANK[next] > RANK[worst] ? next : worst),
    "low",
  );
}

/** GitHub and OSV spell severities several ways; this maps them onto ours. */
export function normaliseSeverity(value: unknown): FindingSeverity | undefined {
  const text = String(value ?? "").toLowerCase();
  if ((findingSeverityNames as readonly string[]).includes(text)) return text as FindingSeverity;
  if (text === "moderate") return "medium";
  if (text === "error") return "high";
  if (text === "warning") return "medium";
  if (text === "note" || text === "info") return "low";
  return undefined;
}

/** The tracking key: one issue per finding, or per package when grouping by package. */
export function trackingKey(finding: Finding, groupBy: "finding" | "package"): string {
  if (groupBy === "package" && finding.package) {
    return `package:${finding.ecosystem ? `${finding.ecosystem}/` : ""}${finding.package}`;
  }
  return finding.id;
}
