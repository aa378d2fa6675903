// A finding's severity: computed from the advisory's CVSS vector (v4.0 preferred, then v3.x, then
// v2) with ae-cvss-calculator, else the database's own label, else "unknown".
import * as cvssModule from "ae-cvss-calculator";
import type { FindingSeverity } from "../config/fields.ts";
import type { Advisory } from "./advisories/advisory.ts";

export type SeverityLevel = FindingSeverity | "unknown";

export interface Severity {
  level: SeverityLevel;
  /** 0.0–10.0 when computed from a vector or given as a number. */
  score?: number;
  vector?: string;
  from: "CVSS_V4" | "CVSS_V3" | "CVSS_V2" | "database" | "none";
}

// The package is a CommonJS/UMD bundle: under Node's ESM interop its classes sit on `default`.
const cvss = [(cvssModule as unknown as { default?: typeof cvssModule }).default, cvssModule].find(
  (candidate) => typeof candidate?.Cvss3P1 === "function",
) as typeof cvssModule;

export const SEVERITY_ORDER: readonly SeverityLevel[] = [
  "unknown",
  "low",
  "medium",
  "high",
  "critical",
];

export function severityRank(level: SeverityLevel): number {
  return SEVERITY_ORDER.indexOf(level);
}

/** CVSS qualitative bands (v3.1 and v4.0 specifications); 0.0 ("none") counts as low. */
export function levelForScore(score: number): FindingSeverity {
  if (score >= 9) return "critical";
  if (score >= 7) return "high";
  if (score >= 4) return "medium";
  return "low";
}

const scoreCache = new Map<string, number | undefined>();

/** The base score of a vector, or undefined when the vector does not parse. */
export function scoreVector(vector: string): number | undefined {
  // Databases reuse a few thousand distinct vectors across all their records.
  if (scoreCache.has(vector)) return scoreCache.get(vector);
  const score = computeScore(vector);
  if (scoreCache.size > 20_000) scoreCache.clear();
  scoreCache.set(vector, score);
  return score;
}

function computeScore(vector: string): number | undefined {
  try {
    const text = vector.trim();
    const calculator = text.startsWith("CVSS:4.0/")
      ? new cvss.Cvss4P0(text)
      : text.startsWith("CVSS:3.1/")
        ? new cvss.Cvss3P1(text)
        : text.startsWith("CVSS:3.0/")
          ? new cvss.Cvss3P0(text)
          : new cvss.Cvss2(text);
    const score = calculator.calculateScores().base;
    return typeof score === "number" && Number.isFinite(score) ? score : undefined;
  } catch {
    return undefined;
  }
}

const DATABASE_LABELS: Record<string, FindingSeverity> = {
  critical: "critical",
  high: "high",
  moderate: "medium",
  medium: "medium",
  low: "low",
};

const PREFERENCE = ["CVSS_V4", "CVSS_V3", "CVSS_V2"] as const;

const severityCache = new WeakMap<object, Severity>();

/** Memoised per advisory object: a scan asks once per package occurrence. */
export function advisorySeverity(
  advisory: Pick<Advisory, "severity" | "databaseSeverity">,
): Severity {
  let severity = severityCache.get(advisory);
  if (!severity) {
    severity = computeSeverity(advisory);
    severityCache.set(advisory, severity);
  }
  return severity;
}

function computeSeverity(advisory: Pick<Advisory, "severity" | "databaseSeverity">): Severity {
  for (const type of PREFERENCE) {
    for (const entry of advisory.severity.filter((item) => item.type === type)) {
      const score = /^\d+(\.\d+)?$/.test(entry.score)
        ? Number(entry.score)
        : scoreVector(entry.score);
      if (score !== undefined) {
        return { level: levelForScore(score), score, vector: entry.score, from: type };
      }
    }
  }
  const label = DATABASE_LABELS[advisory.databaseSeverity?.toLowerCase() ?? ""];
  if (label) return { level: label, from: "database" };
  return { level: "unknown", from: "none" };
}

/** The more severe of two; a computed score breaks ties between equal levels. */
export function worseSeverity(a: Severity, b: Severity): Severity {
  const diff = severityRank(a.level) - severityRank(b.level);
  if (diff !== 0) return diff > 0 ? a : b;
  return (b.score ?? -1) > (a.score ?? -1) ? b : a;
}
