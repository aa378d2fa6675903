// The in-process adapters of the queue port: the default when no Redis is configured (one process
// receives and works), and what the demo and most tests use. Lost on exit; the sweep repairs that.
import {
  backoffMs,
  type DeliveryLog,
  type EventRunner,
  type JobQueue,
  MAX_ATTEMPTS,
  type QueueDepth,
  type QueuedEvent,
  RetryLater,
  type TimerRequest,
  type WorkOptions,
  type WriteBudget,
} from "./port.ts";

interface Pending {
  event: QueuedEvent;
  attempt: number;
}

interface Job {
  key: string;
  events: Pending[];
  state: "waiting" | "active" | "delayed";
}

export interface MemoryQueueOptions {
  /** First retry wait after a failure (default 1000 ms; doubles each time). */
  retryBaseMs?: number;
  onDropped?: (event: QueuedEvent, error: unknown) => void;
}

export class MemoryJobQueue implements JobQueue {
  private readonly jobs = new Map<string, Job>();
  private readonly ready: Job[] = [];
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly holds = new Set<NodeJS.Timeout>();
  private idleWaiters: (() => void)[] = [];
  private runner?: EventRunner;
  private concurrency = 0;
  private active = 0;
  private readonly running = new Set<Promise<void>>();
  private closed = false;

  private readonly options: MemoryQueueOptions;

  constructor(options: MemoryQueueOptions = {}) {
    this.options = options;
  }

  async enqueue(key: string, received: QueuedEvent): Promise<void> {
    // The parsed payload is what runs; raw bytes would only double the memory held.
    const event = { id: received.id, name: received.name, payload: received.payload };
    const job = this.jobs.get(key);
    // A waiting, running or delayed job for this key takes the delivery in its turn.
    if (job) {
      job.events.push({ event, attempt: 0 });
      return;
    }
    const created: Job = { key, events: [{ event, attempt: 0 }], state: "waiting" };
    this.jobs.set(key, created);
    this.ready.push(created);
    this.pump();
  }

  async schedule(timer: TimerRequest): Promise<void> {
    clearTimeout(this.timers.get(timer.id));
    const handle = setTimeout(
      () => {
        this.timers.delete(timer.id);
        void this.enqueue(timer.key, timer.event);
      },
      Math.max(0, timer.runAt - Date.now()),
    );
    handle.unref();
    this.timers.set(timer.id, handle);
  }

  async work(run: EventRunner, options: WorkOptions): Promise<void> {
    this.runner = run;
    this.concurrency = options.concurrency;
    this.pump();
  }

  async depth(): Promise<QueueDepth> {
    const jobs = [...this.jobs.values()];
    const count = (state: Job["state"]) => jobs.filter((job) => job.state === state).length;
    return {
      waiting: count("waiting"),
      active: count("active"),
      delayed: count("delayed"),
      timers: this.timers.size,
    };
  }

  idle(): Promise<void> {
    if (this.jobs.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops taking jobs and waits for the running ones; what is still queued is dropped. */
  async close(): Promise<void> {
    this.closed = true;
    for (const handle of [...this.timers.values(), ...this.holds]) clearTimeout(handle);
    this.timers.clear();
    await Promise.all(this.running);
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private pump(): void {
    while (this.runner && !this.closed && this.active < this.concurrency && this.ready.length) {
      const job = this.ready.shift() as Job;
      job.state = "active";
      this.active++;
      const run: Promise<void> = this.runJob(job, this.runner).finally(() => {
        this.active--;
        this.running.delete(run);
        this.pump();
      });
      this.running.add(run);
    }
  }

  /** Runs the job's deliveries in order, including ones that arrive while it runs. */
  private async runJob(job: Job, run: EventRunner): Promise<void> {
    for (let next = job.events[0]; next && !this.closed; next = job.events[0]) {
      try {
        await run(next.event, { key: job.key, attempt: next.attempt });
        job.events.shift();
      } catch (error) {
        if (error instanceof RetryLater) return this.hold(job, error.at);
        next.attempt++;
        if (next.attempt >= MAX_ATTEMPTS) {
          job.events.shift();
          this.options.onDropped?.(next.event, error);
          continue;
        }
        return this.hold(
          job,
          Date.now() + backoffMs(next.attempt, this.options.retryBaseMs ?? 1000),
        );
      }
    }
    this.jobs.delete(job.key);
    if (this.jobs.size === 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  private hold(job: Job, until: number): void {
    if (this.closed) return;
    job.state = "delayed";
    const handle = setTimeout(
      () => {
        this.holds.delete(handle);
        job.state = "waiting";
        this.ready.push(job);
        this.pump();
      },
      Math.max(0, until - Date.now()),
    );
    this.holds.add(handle);
  }
}

/** Remembers the last `capacity` delivery ids (GitHub redelivers within days, not millions later). */
export class MemoryDeliveryLog implements DeliveryLog {
  private readonly seen = new Set<string>();
  private readonly capacity: number;

  constructor(capacity = 100_000) {
    this.capacity = capacity;
  }

  async firstSeen(id: string): Promise<boolean> {
    if (this.seen.has(id)) return false;
    this.seen.add(id);
    // Sets iterate in insertion order: the first entry is the oldest.
    if (this.seen.size > this.capacity) this.seen.delete(this.seen.values().next().value as string);
    return true;
  }

  async forget(id: string): Promise<void> {
    this.seen.delete(id);
  }
}

export interface BucketShape {
  /** Writes allowed in a burst. */
  capacity: number;
  /** Writes regained per hour. */
  perHour: number;
}

/** The token bucket of one process; RedisWriteBudget shares the same arithmetic across processes. */
export class MemoryWriteBudget implements WriteBudget {
  private readonly buckets = new Map<string, { tokens: number; at: number; blocked: number }>();

  private readonly shape: BucketShape;

  constructor(shape: BucketShape) {
    this.shape = shape;
  }

  async take(installation: string): Promise<number> {
    const now = Date.now();
    const perMs = this.shape.perHour / 3_600_000;
    const bucket = this.refilled(installation, now, perMs);
    if (bucket.blocked > now) return bucket.blocked - now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - bucket.tokens) / perMs);
  }

  async block(installation: string, until: number): Promise<void> {
    const bucket = this.refilled(installation, Date.now(), this.shape.perHour / 3_600_000);
    bucket.blocked = Math.max(bucket.blocked, until);
  }

  private refilled(installation: string, now: number, perMs: number) {
    const bucket = this.buckets.get(installation) ?? {
      tokens: this.shape.capacity,
      at: now,
      blocked: 0,
    };
    bucket.tokens = Math.min(this.shape.capacity, bucket.tokens + (now - bucket.at) * perMs);
    bucket.at = now;
    this.buckets.set(installation, bucket);
    return bucket;
  }
}
