// The SLA state of one issue at one instant: a pure function of its history, its policy and `now`.
import { addBusinessMs, businessMsBetween, type WorkCalendar } from "./calendar.ts";
import type { Cycle } from "./history.ts";
import type { GoalKind, IssuePolicy, SlaGoal } from "./policy.ts";

export const SLA_STATES = ["met", "on-track", "at-risk", "breached", "paused", "none"] as const;
export type SlaState = (typeof SLA_STATES)[number];

export interface GoalStatus {
  state: SlaState;
  /** When the goal breaches (or breached); null without a goal or while paused. */
  due: number | null;
  atRiskAt: number | null;
  /** Working time used so far in this cycle. */
  elapsedMs: number;
  goalMs: number | null;
  completedAt: number | null;
}

export interface SlaStatus {
  policy: IssuePolicy;
  cycle: number;
  response: GoalStatus;
  resolution: GoalStatus;
  /** The resolution clock is stopped by a pause label right now. */
  paused: boolean;
  /** Working time spent in earlier cycles, kept for reporting after reopenings. */
  earlierCycles: { cycle: number; resolutionMs: number }[];
  /** The next instant at which a state can change by time alone; null when none can. */
  nextChangeAt: number | null;
}

type Interval = [number, number];

const NO_GOAL: GoalStatus = {
  state: "none",
  due: null,
  atRiskAt: null,
  elapsedMs: 0,
  goalMs: null,
  completedAt: null,
};

export function evaluateSla(
  cycles: Cycle[],
  policy: IssuePolicy,
  now: number,
  atRiskShare: number,
): SlaStatus {
  const cycle = cycles[cycles.length - 1]!;
  const status = (kind: GoalKind) => {
    const goal = policy.goals[kind];
    return goal ? goalStatus(goal, cycle, now, atRiskShare) : NO_GOAL;
  };
  const response = status("response");
  const resolution = status("resolution");
  const calendar = policy.goals.resolution?.calendar;
  return {
    policy,
    cycle: cycle.index,
    response,
    resolution,
    paused: cycle.end === undefined && openPause(cycle) !== undefined,
    earlierCycles: cycles.slice(0, -1).map((earlier) => ({
      cycle: earlier.index,
      resolutionMs: calendar
        ? sumBusiness(calendar, runningIntervals(earlier, "resolution"), now)
        : 0,
    })),
    nextChangeAt: earliestFuture(now, [response, resolution]),
  };
}

function openPause(cycle: Cycle) {
  return cycle.pauses.find((pause) => pause.end === undefined);
}

/**
 * When the goal's clock runs; the last interval is open-ended (Infinity) while it still runs.
 * `untilDone: false` ignores the completion, giving the deadline a completed goal was held to.
 */
function runningIntervals(cycle: Cycle, kind: GoalKind, untilDone = true): Interval[] {
  const done = untilDone ? completion(cycle, kind) : null;
  const stop = done ?? Number.POSITIVE_INFINITY;
  if (kind === "response") return [[cycle.start, stop]];
  const intervals: Interval[] = [];
  let from = cycle.start;
  for (const pause of cycle.pauses) {
    if (pause.start > from) intervals.push([from, Math.min(pause.start, stop)]);
    from = pause.end ?? Number.POSITIVE_INFINITY;
  }
  if (from < stop) intervals.push([from, stop]);
  return intervals.filter(([start, end]) => end > start);
}

function completion(cycle: Cycle, kind: GoalKind): number | null {
  if (kind === "response") return cycle.response?.at ?? cycle.end ?? null;
  return cycle.end ?? null;
}

function goalStatus(goal: SlaGoal, cycle: Cycle, now: number, share: number): GoalStatus {
  const intervals = runningIntervals(cycle, goal.kind);
  const deadlineIntervals = runningIntervals(cycle, goal.kind, false);
  const completedAt = completion(cycle, goal.kind);
  const due = instantAfter(goal.calendar, deadlineIntervals, goal.ms) ?? null;
  const atRiskAt =
    instantAfter(goal.calendar, deadlineIntervals, Math.round(goal.ms * share)) ?? null;
  const elapsedMs = sumBusiness(goal.calendar, intervals, completedAt ?? now);
  const base = { due, atRiskAt, elapsedMs, goalMs: goal.ms, completedAt };
  if (completedAt !== null && completedAt <= now) {
    return { ...base, state: due !== null && completedAt > due ? "breached" : "met" };
  }
  if (due !== null && now >= due) return { ...base, state: "breached" };
  if (goal.kind === "resolution" && openPause(cycle)) {
    return { ...base, state: "paused", due: null, atRiskAt: null };
  }
  return { ...base, state: atRiskAt !== null && now >= atRiskAt ? "at-risk" : "on-track" };
}

function sumBusiness(calendar: WorkCalendar, intervals: Interval[], until: number): number {
  let total = 0;
  for (const [start, end] of intervals)
    total += businessMsBetween(calendar, start, Math.min(end, until));
  return total;
}

/** The instant at which `amount` working time has run inside the intervals, if it ever does. */
function instantAfter(
  calendar: WorkCalendar,
  intervals: Interval[],
  amount: number,
): number | undefined {
  let remaining = amount;
  for (const [start, end] of intervals) {
    if (end === Number.POSITIVE_INFINITY) return addBusinessMs(calendar, start, remaining);
    const available = businessMsBetween(calendar, start, end);
    if (remaining <= available) return addBusinessMs(calendar, start, remaining);
    remaining -= available;
  }
  return undefined;
}

function earliestFuture(now: number, goals: GoalStatus[]): number | null {
  const candidates = goals
    .filter((goal) => goal.state === "on-track" || goal.state === "at-risk")
    .flatMap((goal) => [goal.atRiskAt, goal.due])
    .filter((at): at is number => at !== null && at > now);
  return candidates.length > 0 ? Math.min(...candidates) : null;
}
