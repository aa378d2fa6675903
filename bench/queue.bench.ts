// The queue between webhooks and work (needs Redis: UPKEEP_TEST_REDIS_URL, else 127.0.0.1:6379,
// else the one scripts/ensure-redis.ts started). Prints, one line each:
//   queue receiver: <n> deliveries/s   one receiver process: verify + dedup + enqueue
//   queue workers=<k>: <n> issues/s    end-to-end triage against the sandbox, k worker processes
// Write pacing and the write budget are off, to measure Upkeep and the sandbox, not GitHub's advice.
// BENCH_PROF=1 writes a CPU profile of each App process to /tmp/prof.
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { sign } from "@octokit/webhooks-methods";
import { Redis } from "ioredis";
import { deleteKeys } from "../app/queue/redis.ts";
import { type AppRole, startAppServer } from "../app/server.ts";
import { type Sandbox, startSandbox } from "../sandbox/index.ts";
import { TEST_REDIS_URL } from "../test/support/redis.ts";

const DELIVERIES = Number(process.env.BENCH_QUEUE_DELIVERIES ?? 5000);
const ISSUES = Number(process.env.BENCH_QUEUE_ISSUES ?? 600);
const SENDERS = 64;
const INSTALLATIONS = 4;
const ONLY = ["triage", "severity-command", "triage-pull-request", "install-labels", "config-push"];
const NO_COMMENT = { ".github/upkeep.yml": "triage:\n  explain: false\n" };
const TITLES = ["Production outage", "Typo in docs", "Export is broken", "Question about setup"];

interface Child {
  webhookUrl: string;
  process: ChildProcess;
}

/** Child mode: one App process with the role and Redis prefix the parent gives. */
async function runChild(): Promise<void> {
  const app = await startAppServer({
    appId: Number(process.env.BENCH_APP_ID ?? 1),
    privateKey: process.env.BENCH_PRIVATE_KEY ?? "",
    secret: process.env.BENCH_SECRET as string,
    baseUrl: process.env.BENCH_API_URL,
    logLevel: "silent",
    pacing: { writeMs: 0, notifyMs: 0, retryBaseMs: 5 },
    writeBudget: null,
    only: ONLY,
    role: process.env.BENCH_ROLE as AppRole,
    redisUrl: TEST_REDIS_URL,
    redisPrefix: process.env.BENCH_PREFIX,
  });
  process.stdout.write(`${JSON.stringify({ webhookUrl: app.webhookUrl })}\n`);
  process.once("SIGTERM", () => void app.close().then(() => process.exit(0)));
}

async function child(role: AppRole, prefix: string, sandbox?: Sandbox): Promise<Child> {
  const proc = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_PROF ? ["--cpu-prof", "--cpu-prof-dir=/tmp/prof"] : []),
      new URL(import.meta.url).pathname,
      "--child",
    ],
    {
      env: {
        ...process.env,
        BENCH_ROLE: role,
        BENCH_PREFIX: prefix,
        BENCH_SECRET: "bench-secret",
        ...(sandbox
          ? {
              BENCH_APP_ID: String(sandbox.appId),
              BENCH_PRIVATE_KEY: sandbox.privateKey,
              BENCH_SECRET: sandbox.webhookSecret,
              BENCH_API_URL: sandbox.url,
            }
          : {}),
      },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const [line] = (await once(proc.stdout, "data")) as [Buffer];
  return { webhookUrl: JSON.parse(line.toString()).webhookUrl, process: proc };
}

/** CPU seconds a child process has used so far (Linux /proc; clock ticks of 1/100 s). */
function cpuSeconds(proc: ChildProcess): number {
  const fields = readFileSync(`/proc/${proc.pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function stop(...children: Child[]): Promise<void> {
  await Promise.all(
    children.map(async ({ process: proc }) => {
      proc.kill("SIGTERM");
      await once(proc, "close");
    }),
  );
}

async function post(url: string, secret: string, body: string): Promise<number> {
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-github-event": "issues",
      "x-github-delivery": randomUUID(),
      "x-hub-signature-256": await sign(secret, body),
    },
    body,
  });
  await response.text();
  return response.status;
}

/** POSTs every body with SENDERS concurrent senders; returns the seconds taken and failures. */
async function sendAll(url: string, secret: string, bodies: string[]) {
  let next = 0;
  let failed = 0;
  const latencies: number[] = [];
  const started = performance.now();
  const sender = async () => {
    for (let index = next++; index < bodies.length; index = next++) {
      const sent = performance.now();
      if ((await post(url, secret, bodies[index] as string)) !== 202) failed++;
      latencies.push(performance.now() - sent);
    }
  };
  await Promise.all(Array.from({ length: SENDERS }, sender));
  latencies.sort((a, b) => a - b);
  const at = (share: number) => latencies[Math.floor(share * (latencies.length - 1))] ?? 0;
  return { seconds: (performance.now() - started) / 1000, failed, p50: at(0.5), p99: at(0.99) };
}

async function receiverRate(redis: Redis): Promise<void> {
  const prefix = `upkeep-bench-${randomUUID().slice(0, 8)}`;
  const receiver = await child("receive", prefix);
  // Realistic bodies: an issues.opened payload of a few KB, each for its own issue.
  const sandbox = await startSandbox({ validate: false });
  sandbox.addRepo("octo-org/octo-repo");
  await sandbox.as("octo-org").openIssue("octo-org/octo-repo", { title: "A sample issue" });
  await sandbox.idle();
  const sample = sandbox.webhookPayload("issues", "opened", {
    repo: "octo-org/octo-repo",
    issue: 1,
  });
  await sandbox.close();
  const bodies = Array.from({ length: DELIVERIES }, (_, index) =>
    JSON.stringify({ ...sample, issue: { ...(sample.issue as object), number: index + 1 } }),
  );
  await sendAll(receiver.webhookUrl, "bench-secret", bodies.slice(0, 200)); // warm-up
  const cpuBefore = cpuSeconds(receiver.process);
  const { seconds, failed, p50, p99 } = await sendAll(receiver.webhookUrl, "bench-secret", bodies);
  const perDeliveryMs = ((cpuSeconds(receiver.process) - cpuBefore) * 1000) / DELIVERIES;
  console.log(`queue receiver: ${(DELIVERIES / seconds).toFixed(0)} deliveries/s`);
  console.log(
    `  receiver CPU: ${perDeliveryMs.toFixed(2)} ms per delivery → ${(1000 / perDeliveryMs).toFixed(0)} deliveries/s per free core; load average ${(loadavg()[0] ?? 0).toFixed(1)} on ${cpus().length} cores`,
  );
  console.log(
    `  (${DELIVERIES} signed issues.opened of ${(bodies[0]?.length ?? 0) / 1000} kB, ${SENDERS} concurrent senders, ${failed} not 202; answer time p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms with ${SENDERS} in flight; Redis round trips: dedup SET NX, inbox RPUSH, BullMQ add)`,
  );
  await stop(receiver);
  await deleteKeys(redis, `${prefix}:*`);
}

async function workersRate(redis: Redis, workers: number): Promise<void> {
  const prefix = `upkeep-bench-${randomUUID().slice(0, 8)}`;
  const sandbox = await startSandbox({ validate: false });
  const repos = Array.from({ length: INSTALLATIONS }, (_, index) =>
    index === 0 ? "octo-org/octo-repo" : `org-${index}/repo`,
  );
  for (const repo of repos) sandbox.addRepo(repo, { files: NO_COMMENT });
  sandbox.addUser("visitor");
  const receiver = await child("receive", prefix, sandbox);
  const pool = await Promise.all(
    Array.from({ length: workers }, () => child("work", prefix, sandbox)),
  );
  for (let index = 0; index < ISSUES + INSTALLATIONS; index++) {
    const repo = repos[index % repos.length] as string;
    await sandbox.as("visitor").openIssue(repo, { title: `${TITLES[index % 4]} ${index}` });
  }
  await sandbox.idle(); // no webhook URL yet: deliveries are only recorded
  const bodies = sandbox.deliveries
    .filter((d) => d.event === "issues" && d.action === "opened")
    .map((d) => JSON.stringify(d.payload));
  const labelled = () =>
    repos.flatMap((repo) => sandbox.issues(repo)).filter((issue) => issue.labels.length > 0).length;
  // Warm-up: one issue per installation (token, labels, JIT), then the measured burst.
  await sendAll(receiver.webhookUrl, sandbox.webhookSecret, bodies.slice(0, INSTALLATIONS));
  while (labelled() < INSTALLATIONS) await new Promise((resolve) => setTimeout(resolve, 20));
  const cpuBefore = process.cpuUsage();
  const workerCpuBefore = pool.reduce((sum, w) => sum + cpuSeconds(w.process), 0);
  const started = performance.now();
  await sendAll(receiver.webhookUrl, sandbox.webhookSecret, bodies.slice(INSTALLATIONS));
  while (labelled() < ISSUES + INSTALLATIONS)
    await new Promise((resolve) => setTimeout(resolve, 20));
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const workerCpu = pool.reduce((sum, w) => sum + cpuSeconds(w.process), 0) - workerCpuBefore;
  const load = loadavg()[0] ?? 0;
  // The sandbox (with the senders) runs in this process on one thread: near 100% means it is the limit.
  const sandboxBusy = (cpu.user + cpu.system) / 1000 / 1000 / seconds;
  console.log(`queue workers=${workers}: ${(ISSUES / seconds).toFixed(0)} issues/s`);
  const perIssueMs = (workerCpu * 1000) / ISSUES;
  console.log(
    `  (${ISSUES} issues over ${INSTALLATIONS} installations, triaged end to end; sandbox process busy ${(sandboxBusy * 100).toFixed(0)}% of one core → ${sandboxBusy > 0.85 ? "the sandbox is the limit" : "the sandbox is not the limit"})`,
  );
  console.log(
    `  workers' CPU: ${perIssueMs.toFixed(1)} ms per issue → ${(1000 / perIssueMs).toFixed(0)} issues/s per free core; load average ${load.toFixed(1)} on ${cpus().length} cores${load > cpus().length ? ": the machine's CPU is the limit" : ""}`,
  );
  await stop(receiver, ...pool);
  await sandbox.close();
  await deleteKeys(redis, `${prefix}:*`);
}

if (process.argv[2] === "--child") {
  await runChild();
} else if (!TEST_REDIS_URL) {
  console.log(
    "queue: no Redis (set UPKEEP_TEST_REDIS_URL or run scripts/ensure-redis.ts); skipped",
  );
} else {
  const redis = new Redis(TEST_REDIS_URL);
  await receiverRate(redis);
  if (process.env.BENCH_QUEUE_ONLY !== "receiver")
    for (const workers of [1, 2, 4]) await workersRate(redis, workers);
  redis.disconnect();
}
