// Tracking's costs: GitHub API requests per incident close, per alert delivery (new and redelivered)
// and per sweep over many open security windows, against the sandbox; and the planner's time
// reconciling a large scan. Prints figures; never fails on them.
import { Octokit } from "@octokit/core";
import { defaultConfig } from "../core/config/schema.ts";
import { ManualClock } from "../core/time/clock.ts";
import { alwaysOpen } from "../core/tracking/calendar.ts";
import { securityWindowsConfigSchema } from "../core/tracking/config.ts";
import { type Finding, findingSchema } from "../core/tracking/security/finding.ts";
import { planSecurityWindows } from "../core/tracking/security/plan.ts";
import { readWindow } from "../core/tracking/security/stored.ts";
import { OctokitGitHub } from "../github/octokit-port.ts";
import { reconcileRca } from "../github/tracking/rca.ts";
import { reconcileSecurityWindows } from "../github/tracking/security-windows.ts";
import { sweepTracking } from "../github/tracking/sweep.ts";
import { startSandbox } from "../sandbox/index.ts";
import { BOT_LOGIN } from "../sandbox/state.ts";

const WINDOWS = Number(process.env.BENCH_WINDOWS ?? 1_000);
const REPO = "octo-org/octo-repo";

function finding(index: number, severity: Finding["severity"] = "high"): Finding {
  return findingSchema.parse({
    id: `upkeep-deps:GHSA-${index}:npm/pkg-${index}`,
    source: "upkeep-deps",
    package: `pkg-${index}`,
    ecosystem: "npm",
    severity,
    firstSeenAt: "2026-03-02T09:00:00Z",
    fixHint: `Upgrade pkg-${index} to 2.0.0 or later.`,
    manifestPaths: ["package-lock.json"],
  });
}

const clock = new ManualClock("2026-03-02T09:00:00Z");
// Validation off: the figures are about Upkeep's request counts, not the sandbox's checking.
const sandbox = await startSandbox({ clock, validate: false });
sandbox.addRepo(REPO);
sandbox.addUser("lead");
sandbox.setPermission(REPO, "lead", "admin");
// A plain Octokit: the throttling plugin's spacing of writes would only slow the setup down.
const octokit = new Octokit({ auth: sandbox.installationToken("octo-org"), baseUrl: sandbox.url });
const github = new OctokitGitHub(
  octokit,
  { owner: "octo-org", repo: "octo-repo" },
  { botLogin: BOT_LOGIN },
);
const config = defaultConfig();

async function requestsOf(
  task: () => Promise<unknown>,
): Promise<{ reads: number; writes: number; ms: number }> {
  sandbox.resetRequests();
  const started = performance.now();
  await task();
  const ms = performance.now() - started;
  const reads = sandbox.requests.filter((request) => request.method === "GET").length;
  return { reads, writes: sandbox.requests.length - reads, ms };
}

function line(name: string, figures: { reads: number; writes: number; ms: number }): void {
  console.log(
    `${name}: ${figures.reads} reads + ${figures.writes} writes (${figures.ms.toFixed(0)} ms)`,
  );
}

const incident = await sandbox
  .as("lead")
  .openIssue(REPO, { title: "Outage", labels: ["severity: critical"] });
await sandbox.as("lead").comment(REPO, incident, "Mitigated");
await sandbox.as("lead").close(REPO, incident, "completed");
line("incident close → RCA", await requestsOf(() => reconcileRca(github, incident, config)));
line("incident close redelivered", await requestsOf(() => reconcileRca(github, incident, config)));

line(
  "alert → new window",
  await requestsOf(() => reconcileSecurityWindows(github, [finding(0)], config, clock)),
);
line(
  "alert redelivered",
  await requestsOf(() => reconcileSecurityWindows(github, [finding(0)], config, clock)),
);

const all = Array.from({ length: WINDOWS }, (_, index) => finding(index + 1));
const created = await requestsOf(() => reconcileSecurityWindows(github, all, config, clock));
line(`scan with ${WINDOWS} new findings`, created);
line(
  `sweep over ${WINDOWS + 1} open windows, nothing due`,
  await requestsOf(() => sweepTracking(github, config, clock)),
);
line(
  `scan with the same ${WINDOWS} findings`,
  await requestsOf(() => reconcileSecurityWindows(github, all, config, clock)),
);

// The planner alone, on a scan twice that size against as many existing windows.
const windowsConfig = securityWindowsConfigSchema.parse({});
const big = Array.from({ length: WINDOWS * 2 }, (_, index) => finding(index));
const firstPlan = planSecurityWindows({
  existing: [],
  findings: big,
  config: windowsConfig,
  calendar: alwaysOpen,
  now: clock.now(),
  zone: "UTC",
});
const existing = firstPlan.flatMap((action, index) =>
  action.kind === "create"
    ? [
        readWindow({
          number: index + 1,
          state: "open",
          createdAt: "",
          labels: action.labels,
          body: action.body,
        })!,
      ]
    : [],
);
const started = performance.now();
const again = planSecurityWindows({
  existing,
  findings: big,
  config: windowsConfig,
  calendar: alwaysOpen,
  now: clock.now(),
  zone: "UTC",
});
console.log(
  `plan ${big.length} findings against ${existing.length} windows: ${(performance.now() - started).toFixed(0)} ms, ${again.length} actions`,
);
await sandbox.close();
