// The queue's promises under faults, with a real Redis between receivers and workers and the
// sandbox as GitHub: a worker killed mid-job, a delivery sent ten times to three receivers,
// GitHub's secondary rate limit. What a maintainer would check: labels and comments, once each.
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import { deleteKeys } from "../../app/queue/redis.ts";
import { type AppServer, type AppServerOptions, startAppServer } from "../../app/server.ts";
import { type Sandbox, startSandbox } from "../../sandbox/index.ts";
import { botComments, deliveredPayload, postWebhook, REPO } from "../app/harness.ts";
import { SANDBOX_PACING } from "../support/app-on-sandbox.ts";
import { type AppProcess, startAppProcess } from "../support/app-process.ts";
import { TEST_REDIS_URL, testPrefix } from "../support/redis.ts";

const EXPLAIN = { ".github/upkeep.yml": "triage:\n  explain: true\n" };

let sandbox: Sandbox | undefined;
let prefix = "";
const servers: AppServer[] = [];
const processes: AppProcess[] = [];

afterEach(async () => {
  for (const child of processes.splice(0)) await child.stop("SIGKILL");
  for (const server of servers.splice(0)) await server.close();
  await sandbox?.close();
  sandbox = undefined;
  const redis = new Redis(TEST_REDIS_URL as string);
  await deleteKeys(redis, `${prefix}:*`);
  redis.disconnect();
});

async function stage(): Promise<Sandbox> {
  prefix = testPrefix();
  sandbox = await startSandbox();
  sandbox.addRepo(REPO, { files: EXPLAIN });
  sandbox.addUser("visitor");
  return sandbox;
}

async function app(s: Sandbox, options: Partial<AppServerOptions>): Promise<AppServer> {
  const server = await startAppServer({
    appId: s.appId,
    privateKey: s.privateKey,
    secret: s.webhookSecret,
    baseUrl: s.url,
    logLevel: "silent",
    pacing: SANDBOX_PACING,
    writeBudget: null,
    retryBaseMs: 20,
    redisUrl: TEST_REDIS_URL,
    redisPrefix: prefix,
    ...options,
  });
  servers.push(server);
  // Every App of one deployment shares the Redis queue: waiting on one waits on all.
  s.alsoAwait(() => server.idle());
  return server;
}

function workerEnv(): Record<string, string> {
  return {
    UPKEEP_ROLE: "work",
    UPKEEP_REDIS_URL: TEST_REDIS_URL as string,
    UPKEEP_REDIS_PREFIX: prefix,
    UPKEEP_JOB_LOCK_MS: "1000",
    UPKEEP_WRITE_SPACING_MS: "0",
    UPKEEP_WRITES_PER_HOUR: "0",
    UPKEEP_RETRY_BASE_MS: "50",
    LOG_LEVEL: "info",
  };
}

function triageLabels(s: Sandbox, number: number): string[] {
  return s.issue(REPO, number).labels.filter((label) => label.startsWith("severity: "));
}

describe.skipIf(!TEST_REDIS_URL)("queue on Redis, under faults", () => {
  it("a worker SIGKILLed after its comment was created (answer lost) is replaced: the job re-runs, nothing doubles", async () => {
    const s = await stage();
    const receiver = await app(s, { role: "receive" });
    s.setWebhook({ url: receiver.webhookUrl, secret: s.webhookSecret });
    const first = await startAppProcess(s, workerEnv());
    processes.push(first);
    const created = s.withholdAnswer("POST", /\/issues\/\d+\/comments$/);
    const number = await s.as("visitor").openIssue(REPO, { title: "Production outage" });
    await created;
    await first.stop("SIGKILL");
    expect(botComments(s, number)).toHaveLength(1);
    const second = await startAppProcess(s, workerEnv());
    processes.push(second);
    await s.idle();
    expect(triageLabels(s, number)).toEqual(["severity: critical"]);
    expect(botComments(s, number)).toHaveLength(1);
    // The second worker ran the opened delivery the first one died in.
    const opened = s.deliveries.find((d) => d.event === "issues" && d.action === "opened");
    expect(second.output()).toContain(opened?.id);
    expect(await second.metric("upkeep_jobs_total", 'outcome="done"')).toBeGreaterThan(0);
  }, 60_000);

  it("one delivery sent 10 times across 3 receivers has exactly one effect", async () => {
    const s = await stage();
    const receivers = [
      await app(s, { role: "receive" }),
      await app(s, { role: "receive" }),
      await app(s, { role: "receive" }),
    ];
    await app(s, { role: "work" });
    await app(s, { role: "work" });
    s.setWebhook({ url: "http://127.0.0.1:9/unreachable" });
    const number = await s.as("visitor").openIssue(REPO, { title: "Checkout is down" });
    await s.idle();
    s.resetRequests();
    const payload = deliveredPayload(s, "issues", "opened", number);
    const id = randomUUID();
    const statuses = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        postWebhook({ app: receivers[index % 3] as AppServer, sandbox: s }, "issues", payload, {
          id,
        }),
      ),
    );
    expect(statuses.filter((status) => status === 202)).toHaveLength(1);
    expect(statuses.filter((status) => status === 200)).toHaveLength(9);
    await s.idle();
    expect(triageLabels(s, number)).toEqual(["severity: critical"]);
    expect(botComments(s, number)).toHaveLength(1);
    const labelWrites = s.requests.filter(
      (r) => r.method === "POST" && r.path === `/repos/${REPO}/issues/${number}/labels`,
    );
    expect(labelWrites).toHaveLength(1);
  }, 60_000);

  it("GitHub's secondary rate limit (403, retry-after) delays jobs: everything is done later, nothing dropped", async () => {
    const s = await stage();
    const server = await app(s, {
      role: "all",
      pacing: { ...SANDBOX_PACING, maxInlineWaitMs: 0 },
    });
    s.setWebhook({ url: server.webhookUrl, secret: s.webhookSecret });
    s.limitWrites({ writes: 8, windowMs: 1500 });
    const titles = ["Production outage", "Typo in docs", "Search is broken", "Data loss on save"];
    const expected = [
      "severity: critical",
      "severity: minor",
      "severity: major",
      "severity: critical",
    ];
    const numbers: number[] = [];
    for (let round = 0; round < 2; round++)
      for (const title of titles) numbers.push(await s.as("visitor").openIssue(REPO, { title }));
    await s.idle();
    const limited = s.requests.filter((r) => r.status === 403);
    expect(limited.length).toBeGreaterThan(0);
    for (const [index, number] of numbers.entries()) {
      expect(triageLabels(s, number)).toEqual([expected[index % 4]]);
      expect(botComments(s, number)).toHaveLength(1);
    }
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/upkeep_jobs_total\{outcome="retry_later"\} [1-9]/);
    expect(metrics).not.toMatch(/upkeep_jobs_total\{outcome="failed"\}/);
  }, 60_000);

  it("the App's own write budget holds jobs back before GitHub has to: all done, never a 403", async () => {
    const s = await stage();
    const server = await app(s, {
      role: "all",
      pacing: { ...SANDBOX_PACING, maxInlineWaitMs: 0 },
      writeBudget: { capacity: 5, perHour: 4 * 3600 },
    });
    s.setWebhook({ url: server.webhookUrl, secret: s.webhookSecret });
    const numbers: number[] = [];
    for (const title of ["Production outage", "Search is broken", "Typo in docs"])
      numbers.push(await s.as("visitor").openIssue(REPO, { title }));
    await s.idle();
    expect(s.requests.filter((r) => r.status === 403)).toEqual([]);
    for (const number of numbers) {
      expect(triageLabels(s, number)).toHaveLength(1);
      expect(botComments(s, number)).toHaveLength(1);
    }
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/upkeep_write_budget_exhausted_total\{installation="\d+"\} [1-9]/);
    // Short budget waits are spent inside the request, longer ones delay the job: either way none fails.
    expect(metrics).not.toMatch(/upkeep_jobs_total\{outcome="failed"\}/);
  }, 60_000);
});

describe.skipIf(!TEST_REDIS_URL)("receiver without Redis", () => {
  it("answers 503 quickly when Redis is unreachable, so GitHub records a failed delivery", async () => {
    const s = await stage();
    const down = await app(s, { role: "receive", redisUrl: "redis://127.0.0.1:1" });
    const payload = s.webhookPayload("issues", "opened", { repo: REPO, sender: "visitor" });
    const started = Date.now();
    expect(await postWebhook({ app: down, sandbox: s }, "issues", payload, { id: "d-1" })).toBe(
      503,
    );
    expect(Date.now() - started).toBeLessThan(5000);
    servers.splice(servers.indexOf(down), 1);
    await down.close();
  });
});
