// An issue's SLA changes by time alone (at risk, breached, the next escalation step) when nothing
// happens to it. After each SLA sync the App schedules a timer job for that moment, one per issue
// (a later sync replaces it, so a deadline that moved, a new cycle or the next step all end in one
// timer). When it fires, the SLA handler syncs the issue again, on time instead of at the next
// sweep. Timers live in the queue; losing them costs only that: the sweep still catches up.
import type { Clock } from "../core/time/clock.ts";
import { jobKey } from "./queue/job-key.ts";
import type { JobQueue } from "./queue/port.ts";

/** The `issues` action of a timer's event; GitHub never sends it. */
export const SLA_DEADLINE_ACTION = "sla_deadline";

/** What a timer's event carries: enough of the triggering payload to act for the same issue. */
export interface DeadlineSource {
  issue: unknown;
  repository?: unknown;
  installation?: unknown;
  sender?: unknown;
}

export interface DeadlineScheduler {
  /** Runs the SLA handler for the payload's issue at `at` (clock time), replacing its timer. */
  schedule(source: DeadlineSource, at: number, cycle: number): Promise<void>;
}

/** Wall-clock delay until clock time `at`; tests with a fast clock give their own. */
export type DelayUntil = (at: number) => number;

/** A second after the change, so the state has surely moved when the timer runs. */
const AFTER_MS = 1000;

export function queueDeadlines(queue: JobQueue, clock: Clock, delayUntil?: DelayUntil) {
  const delay = delayUntil ?? ((at: number) => at - clock.now().getTime() + AFTER_MS);
  const scheduler: DeadlineScheduler = {
    async schedule(source, at, cycle) {
      const payload = { ...source, action: SLA_DEADLINE_ACTION, due: at, cycle };
      const key = jobKey(payload);
      await queue.schedule({
        id: `sla:${key}`,
        key,
        event: { id: `sla-deadline:${key}:${cycle}:${at}`, name: "issues", payload },
        runAt: Date.now() + Math.max(0, delay(at)),
      });
    },
  };
  return scheduler;
}
