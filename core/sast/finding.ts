// What a scan reports: located findings, and the problems that made it incomplete.
import type { FindingSeverity } from "./severity.ts";

export interface Finding {
  ruleId: string;
  severity: FindingSeverity;
  message: string;
  /** Path relative to the scan root, with forward slashes. */
  path: string;
  /** 1-based lines and columns. */
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
  /** The matched source text (trimmed to a few lines). */
  snippet: string;
  /** Line-independent identity: rule + file + normalised snippet + occurrence index. */
  fingerprint: string;
  /** Where the finding came from: the built-in engine or an adapter such as Snyk Code. */
  tool: string;
  /** "new" unless a baseline holds it; "suppressed" findings carry the reason. */
  baselineState?: "new" | "unchanged";
  suppression?: { kind: "inline" | "config"; reason: string };
}

/** A file or rule the scan could not handle fully; any error makes the scan incomplete. */
export interface ScanProblem {
  level: "error" | "warning";
  /** The file or rule the problem is about. */
  subject: string;
  line?: number;
  message: string;
}

export function formatProblem(problem: ScanProblem): string {
  const where = problem.line ? `${problem.subject}:${problem.line}` : problem.subject;
  return `${problem.level}: ${where}: ${problem.message}`;
}
