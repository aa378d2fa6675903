// What the faces print: one entry per issue (the CLI's --json shape), a plain-text table, and the
// per-severity counts of the sweep's job summary.
import { severityNames } from "../config/fields.ts";
import type { SlaState, SlaStatus } from "./evaluate.ts";

export interface SlaReportEntry {
  number: number;
  severity: string | null;
  response: { state: SlaState; due: string | null };
  resolution: { state: SlaState; due: string | null };
}

function iso(at: number | null): string | null {
  return at === null ? null : new Date(at).toISOString();
}

export function reportEntry(number: number, status: SlaStatus): SlaReportEntry {
  return {
    number,
    severity: status.policy.severity,
    response: { state: status.response.state, due: iso(status.response.due) },
    resolution: { state: status.resolution.state, due: iso(status.resolution.due) },
  };
}

/** A fixed-width table for terminals. */
export function formatTable(entries: SlaReportEntry[]): string {
  const rows = [
    ["#", "severity", "response", "response due", "resolution", "resolution due"],
    ...entries.map((entry) => [
      `#${entry.number}`,
      entry.severity ?? "-",
      entry.response.state,
      entry.response.due ?? "-",
      entry.resolution.state,
      entry.resolution.due ?? "-",
    ]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return `${rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column]!))
        .join("  ")
        .trimEnd(),
    )
    .join("\n")}\n`;
}

export interface SeverityCounts {
  severity: string;
  open: number;
  atRisk: number;
  breached: number;
  /** Closed this period with every goal met, and closed this period at all. */
  met: number;
  closed: number;
}

/** Whether an open issue counts as at risk / breached for the summary: the worse goal decides. */
export function worstState(entry: SlaReportEntry): SlaState {
  const order: SlaState[] = ["breached", "at-risk", "paused", "on-track", "met", "none"];
  return (
    order.find((state) => entry.response.state === state || entry.resolution.state === state) ??
    "none"
  );
}

export function emptyCounts(): Map<string, SeverityCounts> {
  return new Map(
    severityNames.map((severity) => [
      severity,
      { severity, open: 0, atRisk: 0, breached: 0, met: 0, closed: 0 },
    ]),
  );
}

export function percent(part: number, whole: number): string {
  return whole === 0 ? "—" : `${Math.round((100 * part) / whole)}%`;
}
