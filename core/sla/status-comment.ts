// The one status comment per issue: due times in the repository's time zone, time left, pause
// state and escalation progress, above the hidden marker that machines read back.
import { DateTime } from "luxon";
import { formatDuration } from "../time/duration.ts";
import type { GoalStatus, SlaState, SlaStatus } from "./evaluate.ts";
import { encodeStatusMarker, type SlaMarker } from "./marker.ts";

const STATE_TEXT: Record<SlaState, string> = {
  met: "✅ met",
  "on-track": "🟢 on track",
  "at-risk": "🟠 at risk",
  breached: "🔴 breached",
  paused: "⏸️ paused",
  none: "— no goal",
};

export interface StatusCommentInput {
  status: SlaStatus;
  marker: SlaMarker;
  now: number;
  /** IANA zone for showing times (the config's `timezone`). */
  timezone: string;
  pauseLabels: string[];
  escalationSteps: number;
}

export function formatInstant(at: number, timezone: string): string {
  return DateTime.fromMillis(at, { zone: timezone }).toFormat("ccc d LLL yyyy, HH:mm");
}

function goalRow(name: string, goal: GoalStatus, input: StatusCommentInput): string {
  if (goal.goalMs === null) return `| ${name} | ${STATE_TEXT.none} | — | — |`;
  const calendar =
    input.status.policy.goals[name.toLowerCase() as "response" | "resolution"]?.calendar.name;
  const due = goal.due === null ? "—" : formatInstant(goal.due, input.timezone);
  return `| ${name} (${formatDuration(goal.goalMs)}, ${calendar}) | ${STATE_TEXT[goal.state]} | ${due} | ${timeLeft(goal, input.now)} |`;
}

function timeLeft(goal: GoalStatus, now: number): string {
  if (goal.state === "met" || goal.state === "none") return "—";
  if (goal.state === "paused") {
    return `${formatDuration(Math.max(0, (goal.goalMs ?? 0) - goal.elapsedMs))} of working time`;
  }
  if (goal.due === null) return "—";
  const left = goal.due - now;
  return left >= 0 ? formatDuration(left) : `overdue by ${formatDuration(-left)}`;
}

export function renderStatusComment(input: StatusCommentInput): string {
  const { status, marker } = input;
  const severity = status.policy.severity ?? "unrated";
  const lines = [
    encodeStatusMarker(marker),
    `### ⏱️ SLA for this ${severity} issue`,
    "",
    `| Goal | State | Due (${input.timezone}) | Time left |`,
    "|---|---|---|---|",
    goalRow("Response", status.response, input),
    goalRow("Resolution", status.resolution, input),
    "",
  ];
  if (status.paused) {
    const labels = input.pauseLabels.map((label) => `\`${label}\``).join(" or ");
    lines.push(`The resolution clock is paused while the issue is labelled ${labels}.`, "");
  }
  if (status.cycle > 1) {
    const spent = status.earlierCycles.reduce((sum, cycle) => sum + cycle.resolutionMs, 0);
    lines.push(
      `Cycle ${status.cycle}: the issue was reopened; earlier cycles used ${formatDuration(spent)} of working time.`,
      "",
    );
  }
  if (marker.escalated.length > 0) {
    lines.push(
      `Escalation: ${marker.escalated.length} of ${input.escalationSteps} steps done in this cycle.`,
      "",
    );
  }
  lines.push(
    `<sub>Kept up to date by Upkeep from the issue's history (times as of ${formatInstant(input.now, input.timezone)} ${input.timezone}); edits to this comment are overwritten.</sub>`,
  );
  return lines.join("\n");
}

/** The body for an issue that no longer has an SLA (its severity label was removed). */
export function renderNoSlaComment(marker: SlaMarker): string {
  return [
    encodeStatusMarker(marker),
    "### ⏱️ SLA",
    "",
    "No SLA applies to this issue now: it has no severity label that the `sla` config has goals for.",
  ].join("\n");
}
