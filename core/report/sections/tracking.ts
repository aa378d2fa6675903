// RCAs (opened, done on time, late, overdue), security windows (closed in window, breached, open by
// age, by source), the weekly trend of scan findings, and recurring check-ins done on time.
import { DateTime } from "luxon";
import { readCheckinMarker } from "../../checkins/plan.ts";
import { readMarker } from "../../tracking/markers.ts";
import { RCA_MARKER } from "../../tracking/rca/body.ts";
import { readWindow } from "../../tracking/security/stored.ts";
import { patchWindow } from "../../tracking/security/window.ts";
import { judgedAt, type ReportInput } from "../input.ts";
import { inPeriod } from "../period.ts";

export interface DeadlineCounts {
  opened: number;
  doneOnTime: number;
  doneLate: number;
  /** Still open past their due date. */
  overdue: number;
  /** Still open, not yet due. */
  open: number;
}

export interface SecuritySection extends DeadlineCounts {
  openByAge: { under7d: number; from7to30d: number; over30d: number };
  bySource: Record<string, number>;
}

export interface TrendWeek {
  week: string;
  opened: number;
  closed: number;
}

const DAY = 86_400_000;

function emptyCounts(): DeadlineCounts {
  return { opened: 0, doneOnTime: 0, doneLate: 0, overdue: 0, open: 0 };
}

/** Counts one tracked item with a due date into the period's figures. */
function countDeadline(
  counts: DeadlineCounts,
  opened: number,
  closed: number | null,
  due: number | null,
  input: ReportInput,
): void {
  const at = judgedAt(input);
  const relevant =
    inPeriod(opened, input.period) ||
    inPeriod(closed, input.period) ||
    (closed === null && opened < input.period.end);
  if (!relevant) return;
  if (inPeriod(opened, input.period)) counts.opened++;
  if (closed !== null && closed <= at) {
    if (!inPeriod(closed, input.period)) return;
    if (due === null || closed <= due) counts.doneOnTime++;
    else counts.doneLate++;
  } else if (due !== null && due < at) counts.overdue++;
  else counts.open++;
}

export function rcaSection(input: ReportInput): DeadlineCounts {
  const counts = emptyCounts();
  for (const { issue } of input.issues) {
    const marker = readMarker(issue.body, RCA_MARKER);
    if (!marker) continue;
    const due = marker.due ? Date.parse(marker.due) : null;
    countDeadline(
      counts,
      Date.parse(issue.createdAt),
      issue.closedAt ? Date.parse(issue.closedAt) : null,
      due,
      input,
    );
  }
  return counts;
}

export function securitySection(input: ReportInput): SecuritySection {
  const at = judgedAt(input);
  const section: SecuritySection = {
    ...emptyCounts(),
    openByAge: { under7d: 0, from7to30d: 0, over30d: 0 },
    bySource: {},
  };
  for (const { issue } of input.issues) {
    const tracked = readWindow(issue);
    if (!tracked) continue;
    const opened = Date.parse(issue.createdAt);
    const closed = issue.closedAt ? Date.parse(issue.closedAt) : null;
    const window = patchWindow(
      tracked.findings.map((finding) => ({ ...finding, state: "open" as const })),
      input.config.tracking.securityWindows,
      input.windowCalendar,
    );
    countDeadline(section, opened, closed, window ? window.deadline.getTime() : null, input);
    if (inPeriod(opened, input.period)) {
      for (const finding of tracked.findings)
        section.bySource[finding.source] = (section.bySource[finding.source] ?? 0) + 1;
    }
    if ((closed === null || closed > at) && opened < at) {
      const age = at - opened;
      if (age < 7 * DAY) section.openByAge.under7d++;
      else if (age <= 30 * DAY) section.openByAge.from7to30d++;
      else section.openByAge.over30d++;
    }
  }
  return section;
}

/** Security windows opened and closed per ISO week of the period: the findings trend. */
export function findingsTrend(input: ReportInput): TrendWeek[] {
  const zone = input.config.timezone;
  const weeks = new Map<string, TrendWeek>();
  for (
    let cursor = DateTime.fromMillis(input.period.start, { zone }).startOf("week");
    cursor.toMillis() < input.period.end;
    cursor = cursor.plus({ weeks: 1 })
  ) {
    const week = cursor.toFormat("kkkk-'W'WW");
    weeks.set(week, { week, opened: 0, closed: 0 });
  }
  const weekOf = (at: number) => DateTime.fromMillis(at, { zone }).toFormat("kkkk-'W'WW");
  for (const { issue } of input.issues) {
    if (!readWindow(issue)) continue;
    const opened = Date.parse(issue.createdAt);
    const openedWeek = weeks.get(weekOf(opened));
    if (inPeriod(opened, input.period) && openedWeek) openedWeek.opened++;
    const closed = issue.closedAt ? Date.parse(issue.closedAt) : null;
    const closedWeek = closed === null ? undefined : weeks.get(weekOf(closed));
    if (inPeriod(closed, input.period) && closedWeek) closedWeek.closed++;
  }
  return [...weeks.values()];
}

export function checkinSection(input: ReportInput): DeadlineCounts {
  const counts = emptyCounts();
  for (const { issue } of input.issues) {
    const marker = readCheckinMarker(issue.body);
    if (!marker) continue;
    countDeadline(
      counts,
      Date.parse(issue.createdAt),
      issue.closedAt ? Date.parse(issue.closedAt) : null,
      Date.parse(marker.due),
      input,
    );
  }
  return counts;
}
