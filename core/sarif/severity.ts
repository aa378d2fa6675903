// How a numeric security score maps to SARIF levels and to GitHub code scanning's severity bands.
import type { SarifLevel } from "./types.ts";

/**
 * GitHub reads `security-severity` (a string holding a 0.0–10.0 score) to rank security results:
 * above 9.0 critical, 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low.
 */
export function securitySeverityProperty(score: number): string {
  return (Math.round(Math.min(10, Math.max(0, score)) * 10) / 10).toFixed(1);
}

/** Level from a score: high and critical are errors, medium warnings, low notes. */
export function levelForScore(score: number | undefined): SarifLevel {
  if (score === undefined) return "warning";
  if (score >= 7) return "error";
  if (score >= 4) return "warning";
  return "note";
}
