// The per-installation write budget: a token bucket, in one process or shared through Redis.
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { MemoryWriteBudget } from "../../app/queue/memory.ts";
import { deleteKeys, RedisWriteBudget } from "../../app/queue/redis.ts";
import { TEST_REDIS_URL, testPrefix } from "../support/redis.ts";

const SHAPE = { capacity: 3, perHour: 3600 }; // a burst of 3, then one a second

describe("write budget", () => {
  it("in memory: a burst of `capacity` writes, then a wait of about one refill, per installation", async () => {
    const budget = new MemoryWriteBudget(SHAPE);
    const waits = [];
    for (let index = 0; index < 4; index++) waits.push(await budget.take("1"));
    expect(waits.slice(0, 3)).toEqual([0, 0, 0]);
    expect(waits[3]).toBeGreaterThan(900);
    expect(waits[3]).toBeLessThanOrEqual(1000);
    expect(await budget.take("2")).toBe(0);
  });

  it("in memory: a block from GitHub holds the installation until its time", async () => {
    const budget = new MemoryWriteBudget(SHAPE);
    await budget.block("1", Date.now() + 5000);
    expect(await budget.take("1")).toBeGreaterThan(4900);
    expect(await budget.take("2")).toBe(0);
  });

  describe.skipIf(!TEST_REDIS_URL)("through Redis", () => {
    const prefix = testPrefix();
    const redis = new Redis(TEST_REDIS_URL ?? "");
    const other = new Redis(TEST_REDIS_URL ?? "");
    afterAll(async () => {
      await deleteKeys(redis, `${prefix}:*`);
      redis.disconnect();
      other.disconnect();
    });

    it("two workers share one bucket per installation", async () => {
      const a = new RedisWriteBudget(redis, SHAPE, prefix);
      const b = new RedisWriteBudget(other, SHAPE, prefix);
      const waits = [await a.take("7"), await b.take("7"), await a.take("7"), await b.take("7")];
      expect(waits.slice(0, 3)).toEqual([0, 0, 0]);
      expect(waits[3]).toBeGreaterThan(900);
      expect(await b.take("8")).toBe(0);
    });

    it("a block seen by one worker holds the other", async () => {
      const a = new RedisWriteBudget(redis, SHAPE, prefix);
      const b = new RedisWriteBudget(other, SHAPE, prefix);
      await a.block("9", Date.now() + 5000);
      expect(await b.take("9")).toBeGreaterThan(4900);
    });
  });
});
