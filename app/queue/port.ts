// The queue between receiving a webhook and doing its work. Receivers add each delivery to the
// job of the issue (or repository) it concerns; workers run a job's deliveries in order, one job
// per key at a time, so a burst on one issue is one job and two workers never race on an issue.
// Adapters: memory.ts (one process, no service) and redis.ts (BullMQ; many processes).
// Everything a queue holds can be rebuilt by the sweep: losing it delays work, never corrupts it.

/** One webhook delivery as received: GitHub's delivery id, event name and parsed body. */
export interface QueuedEvent {
  id: string;
  name: string;
  payload: unknown;
  /**
   * The payload's JSON text as received, when the receiver has it: an adapter that stores events
   * as text writes these bytes instead of serialising `payload` again (the receiver's main cost).
   */
  raw?: Buffer;
}

export interface JobContext {
  /** The job key, e.g. `123/octo-org/octo-repo#7`. */
  key: string;
  /** 0 on the first run of this delivery, then 1, 2, … after failures or a crash. */
  attempt: number;
}

export type EventRunner = (event: QueuedEvent, job: JobContext) => Promise<void>;

export interface WorkOptions {
  /** Jobs (keys) run at once by this process. */
  concurrency: number;
}

export interface QueueDepth {
  /** Jobs ready to run. */
  waiting: number;
  /** Jobs running now. */
  active: number;
  /** Jobs held back: waiting out a rate limit or a retry backoff. */
  delayed: number;
  /** Timers not yet due (e.g. SLA deadlines). */
  timers: number;
}

export interface TimerRequest {
  /** Another schedule with the same id replaces this one (a deadline that moved). */
  id: string;
  /** The job key the event joins when the timer fires. */
  key: string;
  event: QueuedEvent;
  runAt: number;
}

export interface JobQueue {
  /** Adds a delivery to the job for `key`, creating the job unless one is already waiting. */
  enqueue(key: string, event: QueuedEvent): Promise<void>;
  /** At `runAt`, enqueues `event` for `key`; replaces the timer with the same id. */
  schedule(timer: TimerRequest): Promise<void>;
  /** Starts running jobs in this process. */
  work(run: EventRunner, options: WorkOptions): Promise<void>;
  depth(): Promise<QueueDepth>;
  /** Resolves when no job is waiting, running or delayed (timers not yet due do not count). */
  idle(): Promise<void>;
  /** Stops taking jobs, lets running ones finish, and disconnects. */
  close(): Promise<void>;
}

/**
 * Thrown by a runner to say "not now": the job is held until `at` and then runs the same delivery
 * again. Rate limits use it; it never counts as a failure and never drops the delivery.
 */
export class RetryLater extends Error {
  readonly at: number;
  readonly reason: string;

  constructor(at: number, reason: string) {
    super(`retry at ${new Date(at).toISOString()}: ${reason}`);
    this.at = at;
    this.reason = reason;
    this.name = "RetryLater";
  }
}

/** Remembers delivery ids so a redelivered webhook is acknowledged and dropped. */
export interface DeliveryLog {
  /** True the first time `id` is seen (and records it), false afterwards. */
  firstSeen(id: string): Promise<boolean>;
  /** Forgets `id`, for a delivery that could not be queued (so GitHub's redelivery is taken). */
  forget(id: string): Promise<void>;
}

/** Per-installation write budget (a token bucket), shared by all workers of one deployment. */
export interface WriteBudget {
  /** Takes one write; returns 0 when granted, else the milliseconds until one is available. */
  take(installation: string): Promise<number>;
  /** Stops all writes of an installation until `until` (GitHub said retry-after or reset). */
  block(installation: string, until: number): Promise<void>;
}

/** How many retries a failing delivery gets before it is logged and left to the sweep. */
export const MAX_ATTEMPTS = 8;

/** The wait before retry `attempt` (1, 2, …) of a failed delivery: doubling, at most 5 minutes. */
export function backoffMs(attempt: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** (attempt - 1), 300_000);
}
