// The Redis adapters of the queue port, for deployments with several receivers and workers.
// Jobs are BullMQ jobs, one per key (deduplicated on the key, with at most one running and one
// waiting); a job's deliveries sit in Redis lists beside it: `inbox:<key>` (added by receivers)
// and `work:<key>` (taken by the running job, removed one by one as they are done), so a worker
// killed mid-job leaves its deliveries for the next run. Everything here is rebuildable by a sweep.
import { createHash } from "node:crypto";
import { DelayedError, type Job, Queue, Worker } from "bullmq";
import { Redis } from "ioredis";
import type { BucketShape } from "./memory.ts";
import {
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

export interface RedisQueueOptions {
  url: string;
  /** Namespaces every key (default "upkeep"); tests use one per run. */
  prefix?: string;
  /** First retry wait after a failure (default 1000 ms; doubles each time). */
  retryBaseMs?: number;
  /** How long a worker holds a job without renewing before it counts as dead (default 30 s). */
  lockMs?: number;
  onDropped?: (event: QueuedEvent, error: unknown) => void;
  onConnectionError?: ConnectionErrorLog;
}

/** Moves the inbox onto the work list and returns the work list: one step, so nothing is lost. */
const DRAIN = `
local items = redis.call('LRANGE', KEYS[1], 0, -1)
if #items > 0 then
  for i = 1, #items, 1000 do
    redis.call('RPUSH', KEYS[2], unpack(items, i, math.min(i + 999, #items)))
  end
  redis.call('DEL', KEYS[1])
end
return redis.call('LRANGE', KEYS[2], 0, -1)`;

export type ConnectionErrorLog = (error: Error) => void;

export function redisConnection(
  url: string,
  use: "blocking" | "requests" = "requests",
  onError: ConnectionErrorLog = () => {},
): Redis {
  // BullMQ's workers block on Redis and need commands that wait for it to come back; a receiver's
  // commands fail after two reconnection attempts instead, so GitHub gets a 503, not a hang.
  const redis = new Redis(url, { maxRetriesPerRequest: use === "blocking" ? null : 2 });
  // ioredis reconnects by itself; without a listener each failed attempt is printed raw.
  redis.on("error", onError);
  return redis;
}

/** The event as stored: its raw JSON bytes spliced in when there are some, else serialised. */
function serialised(event: QueuedEvent): string | Buffer {
  if (!event.raw) return JSON.stringify({ id: event.id, name: event.name, payload: event.payload });
  const head = `{"id":${JSON.stringify(event.id)},"name":${JSON.stringify(event.name)},"payload":`;
  return Buffer.concat([Buffer.from(head), event.raw, Buffer.from("}")]);
}

/** BullMQ ids may not contain ':'; a digest keeps any key usable and bounded. */
function idOf(key: string): string {
  return createHash("sha1").update(key).digest("hex");
}

export class RedisJobQueue implements JobQueue {
  private readonly redis: Redis;
  private readonly prefix: string;
  private readonly events: Queue;
  private readonly timers: Queue;
  private readonly workers: Worker[] = [];
  private readonly options: RedisQueueOptions;

  constructor(options: RedisQueueOptions) {
    this.options = options;
    this.redis = redisConnection(options.url, "requests", options.onConnectionError);
    this.prefix = options.prefix ?? "upkeep";
    this.events = new Queue("events", { connection: this.redis, prefix: this.prefix });
    this.timers = new Queue("timers", { connection: this.redis, prefix: this.prefix });
    const onError = options.onConnectionError ?? (() => {});
    this.events.on("error", onError);
    this.timers.on("error", onError);
  }

  private list(kind: "inbox" | "work", key: string): string {
    return `${this.prefix}:${kind}:${key}`;
  }

  async enqueue(key: string, event: QueuedEvent): Promise<void> {
    await this.redis.rpush(this.list("inbox", key), serialised(event));
    await this.events.add(
      "job",
      { key },
      {
        deduplication: { id: idOf(key), keepLastIfActive: true },
        attempts: MAX_ATTEMPTS,
        backoff: { type: "exponential", delay: this.options.retryBaseMs ?? 1000 },
        removeOnComplete: true,
        removeOnFail: 1000,
      },
    );
  }

  async schedule(timer: TimerRequest): Promise<void> {
    const jobId = idOf(timer.id);
    await this.timers.remove(jobId);
    await this.timers.add(
      "timer",
      { key: timer.key, event: timer.event },
      { jobId, delay: Math.max(0, timer.runAt - Date.now()), removeOnComplete: true },
    );
  }

  async work(run: EventRunner, options: WorkOptions): Promise<void> {
    const lockDuration = this.options.lockMs ?? 30_000;
    const common = {
      connection: redisConnection(this.options.url, "blocking", this.options.onConnectionError),
      prefix: this.prefix,
      lockDuration,
      stalledInterval: lockDuration,
      // A crashed worker's job goes back to the queue; it is never failed for that.
      maxStalledCount: 1_000,
    };
    this.workers.push(
      new Worker("events", (job, token) => this.runJob(job, token, run), {
        ...common,
        concurrency: options.concurrency,
      }),
      new Worker(
        "timers",
        async (job) => this.enqueue(job.data.key as string, job.data.event as QueuedEvent),
        {
          ...common,
          connection: redisConnection(this.options.url, "blocking", this.options.onConnectionError),
          concurrency: 4,
        },
      ),
    );
    for (const worker of this.workers)
      worker.on("error", this.options.onConnectionError ?? (() => {}));
    await Promise.all(this.workers.map((worker) => worker.waitUntilReady()));
  }

  /** Runs the key's deliveries in order, including ones that arrived while it ran. */
  private async runJob(job: Job, token: string | undefined, run: EventRunner): Promise<void> {
    const key = job.data.key as string;
    const work = this.list("work", key);
    for (;;) {
      const items = (await this.redis.eval(DRAIN, 2, this.list("inbox", key), work)) as string[];
      if (items.length === 0) return;
      for (const item of items) {
        const event = JSON.parse(item) as QueuedEvent;
        try {
          await run(event, { key, attempt: job.attemptsMade });
        } catch (error) {
          if (error instanceof RetryLater) {
            await job.moveToDelayed(error.at, token);
            throw new DelayedError();
          }
          if (job.attemptsMade + 1 < MAX_ATTEMPTS) throw error;
          this.options.onDropped?.(event, error);
        }
        await this.redis.lpop(work);
      }
    }
  }

  async depth(): Promise<QueueDepth> {
    const events = await this.events.getJobCounts("waiting", "active", "delayed", "prioritized");
    const timers = await this.timers.getJobCounts("waiting", "active", "delayed");
    return {
      waiting: (events.waiting ?? 0) + (events.prioritized ?? 0),
      active: events.active ?? 0,
      delayed: events.delayed ?? 0,
      timers: (timers.waiting ?? 0) + (timers.active ?? 0) + (timers.delayed ?? 0),
    };
  }

  async idle(): Promise<void> {
    for (;;) {
      const depth = await this.depth();
      if (depth.waiting + depth.active + depth.delayed === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()));
    await Promise.all([this.events.close(), this.timers.close()]);
    this.redis.disconnect();
  }

  /** Deletes every key of this queue's prefix (tests clean up their own run), even after close. */
  async destroy(): Promise<void> {
    const redis = new Redis(this.options.url);
    await deleteKeys(redis, `${this.prefix}:*`);
    redis.disconnect();
  }
}

export async function deleteKeys(redis: Redis, pattern: string): Promise<void> {
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", pattern, "COUNT", 500);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== "0");
}

/** Delivery ids kept for three days: GitHub's redelivery window. */
export class RedisDeliveryLog implements DeliveryLog {
  private readonly redis: Redis;
  private readonly prefix: string;
  private readonly ttlSeconds: number;

  constructor(redis: Redis, prefix = "upkeep", ttlSeconds = 3 * 24 * 3600) {
    this.redis = redis;
    this.prefix = prefix;
    this.ttlSeconds = ttlSeconds;
  }

  async firstSeen(id: string): Promise<boolean> {
    const key = `${this.prefix}:seen:${id}`;
    return (await this.redis.set(key, "1", "EX", this.ttlSeconds, "NX")) === "OK";
  }

  async forget(id: string): Promise<void> {
    await this.redis.del(`${this.prefix}:seen:${id}`);
  }
}

/** The bucket arithmetic of MemoryWriteBudget, run inside Redis so every worker shares it. */
const TAKE = `
local now = tonumber(ARGV[3])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at', 'blocked')
local capacity, perMs = tonumber(ARGV[1]), tonumber(ARGV[2])
local tokens = tonumber(state[1]) or capacity
local at = tonumber(state[2]) or now
local blocked = tonumber(state[3]) or 0
tokens = math.min(capacity, tokens + math.max(0, now - at) * perMs)
local wait = 0
if blocked > now then
  wait = blocked - now
elseif ARGV[4] == 'take' then
  if tokens >= 1 then tokens = tokens - 1 else wait = math.ceil((1 - tokens) / perMs) end
end
if ARGV[4] == 'block' then blocked = math.max(blocked, tonumber(ARGV[5])) end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now), 'blocked', tostring(blocked))
redis.call('PEXPIRE', KEYS[1], math.ceil(capacity / perMs) + math.max(0, blocked - now) + 60000)
return wait`;

export class RedisWriteBudget implements WriteBudget {
  private readonly redis: Redis;
  private readonly shape: BucketShape;
  private readonly prefix: string;

  constructor(redis: Redis, shape: BucketShape, prefix = "upkeep") {
    this.redis = redis;
    this.shape = shape;
    this.prefix = prefix;
  }

  async take(installation: string): Promise<number> {
    return this.call(installation, "take", 0);
  }

  async block(installation: string, until: number): Promise<void> {
    await this.call(installation, "block", until);
  }

  private async call(installation: string, op: string, until: number): Promise<number> {
    const key = `${this.prefix}:budget:${installation}`;
    const perMs = this.shape.perHour / 3_600_000;
    const wait = await this.redis.eval(
      TAKE,
      1,
      key,
      this.shape.capacity,
      perMs,
      Date.now(),
      op,
      until,
    );
    return Number(wait);
  }
}
