// Finding severities, their order, and how they map onto SARIF and GitHub's security-severity.
import { type FindingSeverity, findingSeverityNames } from "../config/fields.ts";

export type { FindingSeverity };
export { findingSeverityNames };

const RANK: Record<FindingSeverity, number> = { critical: 4, high: 3, medium: 2, low: 1 };

/** True when `severity` is at or above `threshold`; `none` is above everything. */
export function atOrAbove(severity: FindingSeverity, threshold: FindingSeverity | "none"): boolean {
  return threshold !== "none" && RANK[severity] >= RANK[threshold];
}

export function compareSeverity(a: FindingSeverity, b: FindingSeverity): number {
  return RANK[b] - RANK[a];
}

/** GitHub code scanning buckets: >= 9 critical, >= 7 high, >= 4 medium, else low. */
export function securitySeverityScore(severity: FindingSeverity): string {
  return { critical: "9.5", high: "8.0", medium: "5.5", low: "3.0" }[severity];
}

export function sarifLevel(severity: FindingSeverity): "error" | "warning" | "note" {
  if (severity === "critical" || severity === "high") return "error";
  return severity === "medium" ? "warning" : "note";
}

export function isFindingSeverity(value: string): value is FindingSeverity {
  return (findingSeverityNames as readonly string[]).includes(value);
}
