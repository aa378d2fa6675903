// Severity triage end to end: the real App server (Probot over signed HTTP) against the sandbox.
// Prints the GitHub API calls one triaged issues.opened costs (reads and writes, after the
// repository's first event created the labels) and how many deliveries per second the App handles.
// Write pacing is off here to measure Upkeep itself; in production GitHub's advice (one write per
// second per installation) bounds a single repository's burst rate, not the App's.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { cpus, loadavg } from "node:os";
import { sign } from "@octokit/webhooks-methods";
import { type AppServer, startAppServer } from "../app/server.ts";
import { type Sandbox, startSandbox } from "../sandbox/index.ts";

const REPO = "octo-org/octo-repo";
const ISSUES = Number(process.env.BENCH_TRIAGE_ISSUES ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_TRIAGE_CONCURRENCY ?? 128);
const TITLES = ["Production outage", "Typo in docs", "Export is broken", "Question about setup"];

interface Stage {
  sandbox: Sandbox;
  app: Pick<AppServer, "webhookUrl" | "close"> & { cpuMs?: () => Promise<number> };
}

const PACING_OFF = { writeMs: 0, notifyMs: 0, retryBaseMs: 5 };
// The triage handlers alone; BENCH_TRIAGE_ALL_HANDLERS=1 measures the whole App instead.
const ONLY = process.env.BENCH_TRIAGE_ALL_HANDLERS
  ? undefined
  : ["triage", "severity-command", "triage-pull-request", "install-labels", "config-push"];

/** Child mode: the App in its own process, as `npm start` runs it, so it has a core to itself. */
async function runAppProcess(): Promise<void> {
  const app = await startAppServer({
    appId: Number(process.env.BENCH_APP_ID),
    privateKey: process.env.BENCH_PRIVATE_KEY as string,
    secret: process.env.BENCH_SECRET as string,
    baseUrl: process.env.BENCH_API_URL,
    port: 0,
    logLevel: "silent",
    pacing: PACING_OFF,
    writeBudget: null,
    only: ONLY,
  });
  process.stdout.write(`${JSON.stringify({ webhookUrl: app.webhookUrl })}\n`);
  // The parent asks for the CPU time spent so far, to report the App's own cost per delivery.
  process.on("SIGUSR2", () => {
    const { user, system } = process.cpuUsage();
    process.stdout.write(`${JSON.stringify({ cpuMs: (user + system) / 1000 })}\n`);
  });
  process.once("SIGTERM", () => void app.close().then(() => process.exit(0)));
}

async function appProcess(sandbox: Sandbox): Promise<Stage["app"]> {
  const child = spawn(process.execPath, [new URL(import.meta.url).pathname, "--app"], {
    env: {
      ...process.env,
      BENCH_APP_ID: String(sandbox.appId),
      BENCH_PRIVATE_KEY: sandbox.privateKey,
      BENCH_SECRET: sandbox.webhookSecret,
      BENCH_API_URL: sandbox.url,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const [line] = (await once(child.stdout, "data")) as [Buffer];
  const { webhookUrl } = JSON.parse(line.toString());
  return {
    webhookUrl,
    cpuMs: async () => {
      child.kill("SIGUSR2");
      const [answer] = (await once(child.stdout, "data")) as [Buffer];
      return JSON.parse(answer.toString()).cpuMs;
    },
    close: async () => {
      child.kill("SIGTERM");
      await once(child, "close");
    },
  };
}

async function stage(
  files: Record<string, string>,
  validate: boolean,
  separate = false,
): Promise<Stage> {
  const sandbox = await startSandbox({ validate });
  const app = separate
    ? await appProcess(sandbox)
    : await startAppServer({
        appId: sandbox.appId,
        privateKey: sandbox.privateKey,
        secret: sandbox.webhookSecret,
        baseUrl: sandbox.url,
        port: 0,
        logLevel: "silent",
        pacing: PACING_OFF,
        writeBudget: null,
        only: ONLY,
      });
  sandbox.setWebhook({ url: app.webhookUrl, secret: sandbox.webhookSecret });
  // The App answers 202 and works from its queue; idle() waits for that when it runs in-process.
  if ("idle" in app) sandbox.alsoAwait(() => (app as AppServer).idle());
  sandbox.addRepo(REPO, { files });
  sandbox.addUser("visitor");
  return { sandbox, app };
}

async function close({ sandbox, app }: Stage): Promise<void> {
  await sandbox.idle();
  await app.close();
  await sandbox.close();
}

/** Average reads and writes per triaged issues.opened, after a first issue warmed the repository. */
async function callsPerIssue(label: string, files: Record<string, string>): Promise<void> {
  const s = await stage(files, true);
  await s.sandbox.as("visitor").openIssue(REPO, { title: "Warm-up outage" });
  await s.sandbox.idle();
  s.sandbox.resetRequests();
  const count = 20;
  for (let index = 0; index < count; index++) {
    await s.sandbox
      .as("visitor")
      .openIssue(REPO, { title: TITLES[index % TITLES.length] as string });
    await s.sandbox.idle();
  }
  const api = s.sandbox.requests.filter((request) => !request.path.startsWith("/app/"));
  const reads = api.filter((request) => request.method === "GET").length / count;
  const writes = (api.length - reads * count) / count;
  const kinds = [
    ...new Set(
      api.map((request) => `${request.method} ${request.path.replace(/\/\d+(?=\/|$)/g, "/{n}")}`),
    ),
  ];
  console.log(
    `api calls per issues.opened (${label}): ${reads.toFixed(2)} reads, ${writes.toFixed(2)} writes`,
  );
  console.log(`  calls: ${kinds.join("; ")}`);
  s.sandbox.assertValid();
  await close(s);
}

/**
 * Deliveries per second: pre-opened issues' events POSTed by CONCURRENCY senders at once, spread
 * over `installations` organisations (the throttling plugin serialises each installation's writes,
 * as GitHub advises, so one installation's rate is bounded by one write's round trip).
 */
async function throughput(
  label: string,
  files: Record<string, string>,
  installations: number,
): Promise<void> {
  const s = await stage(files, false, true);
  const repos = Array.from({ length: installations }, (_, index) =>
    index === 0 ? REPO : `org-${index}/repo`,
  );
  for (const repo of repos.slice(1)) s.sandbox.addRepo(repo, { files });
  s.sandbox.setWebhook({ url: "http://127.0.0.1:9/held-back" });
  for (let index = 0; index < ISSUES; index++) {
    const repo = repos[index % repos.length] as string;
    const title = `${TITLES[index % TITLES.length]} ${index}`;
    await s.sandbox.as("visitor").openIssue(repo, { title });
  }
  await s.sandbox.idle();
  const payloads = s.sandbox.deliveries
    .filter((d) => d.event === "issues" && d.action === "opened")
    .map((d) => JSON.stringify(d.payload));
  s.sandbox.setWebhook({ url: s.app.webhookUrl, secret: s.sandbox.webhookSecret });
  const labelled = () =>
    repos.flatMap((repo) => s.sandbox.issues(repo)).filter((issue) => issue.labels.length > 0)
      .length;
  // The App answers 202 and works from its queue: "done" is every issue labelled.
  const allLabelled = async (count: number) => {
    const deadline = Date.now() + 300_000;
    while (labelled() < count && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 10));
  };
  // Warm up each installation: token, labels, JIT.
  for (const payload of payloads.slice(0, installations)) await post(s, payload);
  await allLabelled(installations);
  await s.sandbox.idle();
  const cpuBefore = (await s.app.cpuMs?.()) ?? 0;
  const started = performance.now();
  let next = installations;
  let failed = 0;
  const sender = async () => {
    for (let index = next++; index < payloads.length; index = next++) {
      if ((await post(s, payloads[index] as string)) !== 202) failed++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, sender));
  await allLabelled(ISSUES);
  const handled = performance.now();
  await s.sandbox.idle();
  const settled = performance.now();
  const appCpuMs = ((await s.app.cpuMs?.()) ?? 0) - cpuBefore;
  const n = payloads.length - installations;
  const triaged = labelled();
  console.log(
    `deliveries/s (${label}): ${(n / ((handled - started) / 1000)).toFixed(0)} issues.opened/s handled end to end ` +
      `(${n} deliveries, ${CONCURRENCY} concurrent senders, ${failed} failed, ${triaged}/${ISSUES} issues labelled)`,
  );
  console.log(
    `  incl. the App's own echoes (issues.labeled from upkeep[bot], ignored): all settled in ${((settled - started) / 1000).toFixed(2)} s`,
  );
  const perDelivery = appCpuMs / n;
  console.log(
    `  App process CPU: ${perDelivery.toFixed(2)} ms per triaged issue (its echo included) → ` +
      `${(1000 / perDelivery).toFixed(0)} issues/s per core when GitHub answers instantly; ` +
      `load average ${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores during the run`,
  );
  await close(s);
}

async function post({ sandbox, app }: Stage, body: string): Promise<number> {
  const response = await fetch(app.webhookUrl, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-github-event": "issues",
      "x-github-delivery": randomUUID(),
      "x-hub-signature-256": await sign(sandbox.webhookSecret, body),
    },
    body,
  });
  await response.text();
  return response.status;
}

if (process.argv[2] === "--app") {
  await runAppProcess();
} else {
  await main();
}

async function main(): Promise<void> {
  await callsPerIssue("no config file", {});
  await callsPerIssue("config file, no comment", {
    ".github/upkeep.yml": "triage:\n  explain: false\n",
  });
  await callsPerIssue("config file, explanation comment", {
    ".github/upkeep.yml": "triage:\n  explain: true\n",
  });
  const noComment = { ".github/upkeep.yml": "triage:\n  explain: false\n" };
  await throughput("triage, no comment, 1 installation", noComment, 1);
  await throughput("triage, no comment, 8 installations", noComment, 8);
}
