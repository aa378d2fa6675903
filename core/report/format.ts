// Small formatting helpers shared by the Markdown and HTML renderings.
import { formatDuration } from "../time/duration.ts";
import type { GoalFigures, SeveritySla } from "./sections/sla.ts";

export function percent(share: number | null): string {
  return share === null ? "–" : `${Math.round(share * 1000) / 10}%`;
}

export function duration(ms: number | null): string {
  return ms === null ? "–" : formatDuration(ms);
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** The cells of one SLA row, shared by the Markdown and HTML renderings. */
export function slaCells(row: SeveritySla): (string | number)[] {
  const share = (goal: GoalFigures) =>
    `${percent(goal.onTime)} (${goal.met}/${goal.met + goal.breached})`;
  const times = (goal: GoalFigures) => `${duration(goal.p50Ms)} / ${duration(goal.p90Ms)}`;
  return [
    row.severity,
    row.issues,
    share(row.response),
    times(row.response),
    share(row.resolution),
    times(row.resolution),
    row.openBreached,
  ];
}

export const SLA_HEADERS = [
  "Severity",
  "Issues",
  "Response on time",
  "Response p50 / p90",
  "Resolution on time",
  "Resolution p50 / p90",
  "Open and breached",
];
