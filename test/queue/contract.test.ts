// One contract for every JobQueue adapter: the in-memory one and BullMQ on a real Redis.
import { afterEach, describe, expect, it } from "vitest";
import { MemoryJobQueue } from "../../app/queue/memory.ts";
import type { JobQueue, QueuedEvent } from "../../app/queue/port.ts";
import { RetryLater } from "../../app/queue/port.ts";
import { RedisJobQueue } from "../../app/queue/redis.ts";
import { TEST_REDIS_URL, testPrefix } from "../support/redis.ts";

interface Adapter {
  name: string;
  available: boolean;
  make(): JobQueue;
  cleanUp(queue: JobQueue): Promise<void>;
}

const adapters: Adapter[] = [
  {
    name: "memory",
    available: true,
    make: () => new MemoryJobQueue({ retryBaseMs: 50 }),
    cleanUp: (queue) => queue.close(),
  },
  {
    name: "redis (BullMQ)",
    available: TEST_REDIS_URL !== undefined,
    make: () =>
      new RedisJobQueue({ url: TEST_REDIS_URL as string, prefix: testPrefix(), retryBaseMs: 50 }),
    async cleanUp(queue) {
      await (queue as RedisJobQueue).destroy();
      await queue.close();
    },
  },
];

const event = (id: string): QueuedEvent => ({ id, name: "issues", payload: { n: id } });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await sleep(10);
  }
}

for (const adapter of adapters) {
  describe.skipIf(!adapter.available)(`JobQueue contract: ${adapter.name}`, () => {
    let queue: JobQueue | undefined;
    afterEach(async () => {
      if (queue) await adapter.cleanUp(queue);
      queue = undefined;
    });

    it("a burst on one key waits as one job and runs its deliveries in order", async () => {
      queue = adapter.make();
      for (let index = 0; index < 5; index++) await queue.enqueue("1/o/r#7", event(`e${index}`));
      await queue.enqueue("1/o/r#8", event("other"));
      expect((await queue.depth()).waiting).toBe(2);
      const seen: string[] = [];
      await queue.work(
        async (e, job) => {
          seen.push(`${job.key} ${e.id}`);
        },
        { concurrency: 2 },
      );
      await until(() => seen.length === 6);
      await queue.idle();
      expect(seen.filter((line) => line.startsWith("1/o/r#7"))).toEqual(
        ["e0", "e1", "e2", "e3", "e4"].map((id) => `1/o/r#7 ${id}`),
      );
      expect(await queue.depth()).toMatchObject({ waiting: 0, active: 0, delayed: 0 });
    });

    it("a delivery queued with its raw JSON bytes runs with the same payload, unicode intact", async () => {
      queue = adapter.make();
      const payload = {
        action: "opened",
        issue: { number: 7, title: 'Ünïcode ✓ \u2028 "quoted"' },
      };
      const raw = Buffer.from(` ${JSON.stringify(payload)}\n`);
      const seen: unknown[] = [];
      await queue.work(
        async (e) => {
          seen.push(e.payload);
        },
        { concurrency: 1 },
      );
      await queue.enqueue("k", { id: "d1", name: "issues", payload, raw });
      await until(() => seen.length === 1);
      expect(seen[0]).toEqual(payload);
    });

    it("deliveries for one key never run at once; different keys do", async () => {
      queue = adapter.make();
      const running = new Map<string, number>();
      let overlapSameKey = 0;
      let maxAtOnce = 0;
      let done = 0;
      await queue.work(
        async (_e, job) => {
          const now = (running.get(job.key) ?? 0) + 1;
          running.set(job.key, now);
          if (now > 1) overlapSameKey++;
          maxAtOnce = Math.max(
            maxAtOnce,
            [...running.values()].reduce((a, b) => a + b, 0),
          );
          await sleep(30);
          running.set(job.key, (running.get(job.key) ?? 1) - 1);
          done++;
        },
        { concurrency: 4 },
      );
      const q = queue;
      // Adds keep arriving while jobs run: they join the running job's key, never a second runner.
      for (let round = 0; round < 4; round++) {
        await Promise.all(["a", "b", "c"].map((key) => q.enqueue(key, event(`${key}${round}`))));
        await sleep(15);
      }
      await until(() => done === 12);
      await queue.idle();
      expect(overlapSameKey).toBe(0);
      expect(maxAtOnce).toBeGreaterThan(1);
    });

    it("a failing delivery runs again later and nothing after it is skipped", async () => {
      queue = adapter.make();
      const runs: string[] = [];
      await queue.work(
        async (e, job) => {
          runs.push(`${e.id}@${job.attempt}`);
          if (e.id === "flaky" && job.attempt === 0) throw new Error("GitHub said 502");
        },
        { concurrency: 1 },
      );
      await queue.enqueue("k", event("flaky"));
      await queue.enqueue("k", event("after"));
      await until(() => runs.includes("after@1") || runs.includes("after@0"));
      await queue.idle();
      expect(runs[0]).toBe("flaky@0");
      expect(runs).toContain("flaky@1");
      expect(runs.indexOf("flaky@1")).toBeLessThan(runs.findIndex((r) => r.startsWith("after")));
    });

    it("RetryLater holds the job until the given time, then runs the same delivery", async () => {
      queue = adapter.make();
      const runs: number[] = [];
      let heldUntil = 0;
      await queue.work(
        async () => {
          runs.push(Date.now());
          if (runs.length === 1) {
            heldUntil = Date.now() + 400;
            throw new RetryLater(heldUntil, "secondary rate limit");
          }
        },
        { concurrency: 1 },
      );
      await queue.enqueue("k", event("limited"));
      await until(() => runs.length === 1);
      await sleep(50);
      expect((await queue.depth()).delayed).toBe(1);
      await until(() => runs.length === 2);
      expect(runs[1]).toBeGreaterThanOrEqual(heldUntil - 5);
      await queue.idle();
    });

    it("close lets the running delivery finish and returns while others still wait", async () => {
      const q = adapter.make();
      queue = q;
      const finished: string[] = [];
      await q.work(
        async (e) => {
          await sleep(300);
          finished.push(e.id);
        },
        { concurrency: 1 },
      );
      await q.enqueue("a", event("first"));
      await q.enqueue("b", event("second"));
      await sleep(100);
      queue = undefined;
      await q.close();
      expect(finished).toEqual(["first"]);
      if (q instanceof RedisJobQueue) await q.destroy();
    });

    it("a timer fires at its time, and scheduling the same id again moves it", async () => {
      queue = adapter.make();
      const fired: { id: string; at: number }[] = [];
      await queue.work(
        async (e) => {
          fired.push({ id: e.id, at: Date.now() });
        },
        { concurrency: 1 },
      );
      const start = Date.now();
      await queue.schedule({
        id: "sla:k:1:0",
        key: "k",
        event: event("first"),
        runAt: start + 200,
      });
      await queue.schedule({
        id: "sla:k:1:0",
        key: "k",
        event: event("moved"),
        runAt: start + 700,
      });
      expect((await queue.depth()).timers).toBe(1);
      await until(() => fired.length === 1);
      await sleep(300);
      expect(fired.map((f) => f.id)).toEqual(["moved"]);
      expect(fired[0]?.at).toBeGreaterThanOrEqual(start + 690);
    });
  });
}
