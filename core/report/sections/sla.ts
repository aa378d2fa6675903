// SLA compliance per severity: goals that completed or breached in the period, on-time share and
// business-hours-aware p50/p90 of time to first response and to resolution.
import { severityNames } from "../../config/fields.ts";
import { percentile } from "../../health/stats.ts";
import type { GoalStatus } from "../../sla/evaluate.ts";
import { assessIssue } from "../../sla/plan.ts";
import { judgedAt, type ReportInput } from "../input.ts";
import { inPeriod } from "../period.ts";

export interface GoalFigures {
  met: number;
  breached: number;
  /** Share of counted goals met, 0..1; null when none counted. */
  onTime: number | null;
  p50Ms: number | null;
  p90Ms: number | null;
}

export interface SeveritySla {
  severity: string;
  issues: number;
  response: GoalFigures;
  resolution: GoalFigures;
  /** Open at the end of the period with a breached resolution goal. */
  openBreached: number;
}

export function slaSection(input: ReportInput): SeveritySla[] {
  const at = judgedAt(input);
  const rows = new Map(
    severityNames.map((severity) => [
      severity,
      {
        severity,
        issues: 0,
        response: [] as GoalStatus[],
        resolution: [] as GoalStatus[],
        openBreached: 0,
      },
    ]),
  );
  for (const record of input.issues) {
    if (record.issue.isPullRequest || Date.parse(record.issue.createdAt) >= input.period.end)
      continue;
    const status = assessIssue(
      {
        issue: record.issue,
        events: record.events,
        comments: record.comments,
        fromTimeline: record.fromTimeline,
        permissions: input.permissions,
      },
      { config: input.config, calendars: input.calendars },
      at,
    );
    const row = status.policy.severity ? rows.get(status.policy.severity) : undefined;
    if (!row) continue;
    const response = counted(status.response, input);
    const resolution = counted(status.resolution, input);
    if (response) row.response.push(status.response);
    if (resolution) row.resolution.push(status.resolution);
    if (response || resolution) row.issues++;
    if (record.issue.state === "open" && status.resolution.state === "breached") row.openBreached++;
  }
  return [...rows.values()].map((row) => ({
    severity: row.severity,
    issues: row.issues,
    response: figures(row.response),
    resolution: figures(row.resolution),
    openBreached: row.openBreached,
  }));
}

/** A goal belongs to the period when it was completed in it, or fell due in it without completing. */
function counted(goal: GoalStatus, input: ReportInput): boolean {
  if (goal.goalMs === null) return false;
  if (goal.completedAt !== null) return inPeriod(goal.completedAt, input.period);
  return goal.state === "breached" && inPeriod(goal.due, input.period);
}

function figures(goals: GoalStatus[]): GoalFigures {
  const met = goals.filter((goal) => goal.state === "met").length;
  const breached = goals.length - met;
  const times = goals.filter((goal) => goal.completedAt !== null).map((goal) => goal.elapsedMs);
  return {
    met,
    breached,
    onTime: goals.length === 0 ? null : met / goals.length,
    p50Ms: percentile(times, 0.5) ?? null,
    p90Ms: percentile(times, 0.9) ?? null,
  };
}
