// Picks the queue's adapters: Redis (BullMQ) when a URL is given, else this process's memory.
import type { Logger } from "pino";
import {
  type BucketShape,
  MemoryDeliveryLog,
  MemoryJobQueue,
  MemoryWriteBudget,
} from "./memory.ts";
import type { DeliveryLog, JobQueue, QueuedEvent, WriteBudget } from "./port.ts";
import { RedisDeliveryLog, RedisJobQueue, RedisWriteBudget, redisConnection } from "./redis.ts";

export type WriteBudgetShape = BucketShape;

/** GitHub's content-creation guidance per installation: about 80 a minute and 500 an hour. */
export const GITHUB_WRITE_BUDGET: WriteBudgetShape = { capacity: 80, perHour: 500 };

export interface QueueSetup {
  queue: JobQueue;
  deliveries: DeliveryLog;
  budget?: WriteBudget;
  /** How long a job held back by the budget waits: until about 10 writes are regained. */
  resumeAfterMs?: number;
  close(): Promise<void>;
}

export interface QueueSetupOptions {
  redisUrl?: string;
  redisPrefix?: string;
  writeBudget?: WriteBudgetShape | null;
  retryBaseMs?: number;
  jobLockMs?: number;
  log: Logger;
}

export function queueSetup(options: QueueSetupOptions): QueueSetup {
  const shape = options.writeBudget === undefined ? GITHUB_WRITE_BUDGET : options.writeBudget;
  const resumeAfterMs = shape
    ? Math.ceil((Math.min(shape.capacity, 10) / shape.perHour) * 3_600_000)
    : undefined;
  const onDropped = (event: QueuedEvent, error: unknown) =>
    options.log.error(
      { delivery: event.id, event: event.name, err: error },
      "delivery failed on every retry; the next sweep repairs its issue",
    );
  if (!options.redisUrl) {
    const queue = new MemoryJobQueue({ retryBaseMs: options.retryBaseMs, onDropped });
    return {
      queue,
      deliveries: new MemoryDeliveryLog(),
      budget: shape ? new MemoryWriteBudget(shape) : undefined,
      resumeAfterMs,
      close: () => queue.close(),
    };
  }
  const prefix = options.redisPrefix ?? "upkeep";
  // One line per failed attempt at most every few seconds (ioredis backs off to 2 s per connection).
  const onConnectionError = (error: Error) =>
    options.log.warn({ err: error.message }, "redis unreachable; retrying");
  const redis = redisConnection(options.redisUrl, "requests", onConnectionError);
  const queue = new RedisJobQueue({
    url: options.redisUrl,
    prefix,
    retryBaseMs: options.retryBaseMs,
    lockMs: options.jobLockMs,
    onDropped,
    onConnectionError,
  });
  return {
    queue,
    deliveries: new RedisDeliveryLog(redis, prefix),
    budget: shape ? new RedisWriteBudget(redis, shape, prefix) : undefined,
    resumeAfterMs,
    async close() {
      await queue.close();
      redis.disconnect();
    },
  };
}
