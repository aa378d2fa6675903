// The SLA sweep over a large repository in the sandbox: API requests and time for a first sweep
// (no memory: every issue's timeline is read and gets its status comment), a sweep when nothing
// changed (goal: about n/100 + 10 requests), and one after 1% of the issues got a comment.
// The sandbox skips OpenAPI validation and the client is plain Octokit (no retry/throttling
// plugins: no faults here, and in production GitHub's advice paces comment creation to one per
// 3 s, which the action's comment budget accounts for), so the timings measure Upkeep and the
// sandbox, and the request counts are what they would be on GitHub.
import { Octokit } from "@octokit/core";
import { defaultConfig } from "../core/config/schema.ts";
import { buildCalendars } from "../core/sla/policy.ts";
import { type SweepReport, sweepRepository } from "../core/sla/sweep.ts";
import { newSlaRun } from "../core/sla/sync.ts";
import { ManualClock } from "../core/time/clock.ts";
import { OctokitGitHub, type OctokitLike } from "../github/octokit-port.ts";
import { startSandbox } from "../sandbox/index.ts";
import { BOT_LOGIN } from "../sandbox/state.ts";

const REPO = "octo-org/octo-repo";
const ISSUES = Number(process.env.BENCH_SLA_ISSUES ?? 10_000);
const SEVERITIES = ["severity: critical", "severity: major", "severity: minor"];

const clock = new ManualClock("2026-11-23T08:00:00Z");
const sandbox = await startSandbox({ clock, validate: false });
sandbox.addRepo(REPO);
sandbox.addUser("reporter");
const seeded = performance.now();
for (let index = 0; index < ISSUES; index++) {
  // Mostly minor issues, as in a real backlog; none of them reaches a deadline during the bench.
  const labels = [SEVERITIES[index % 50 === 0 ? 1 : 2] as string];
  await sandbox.as("reporter").openIssue(REPO, { title: `Issue ${index}`, labels });
}
await sandbox.idle();
console.log(
  `seeded ${ISSUES} open issues in ${((performance.now() - seeded) / 1000).toFixed(1)} s`,
);

const config = defaultConfig();
const settings = { config, calendars: buildCalendars(config.sla, {}).calendars };
const client = new Octokit({ auth: sandbox.installationToken("octo-org"), baseUrl: sandbox.url });
const [owner, repo] = REPO.split("/") as [string, string];
// The installation token writes as the App's bot: the identity whose comments the sweep owns.
const github = new OctokitGitHub(
  client as unknown as OctokitLike,
  { owner, repo },
  { botLogin: BOT_LOGIN },
);

async function sweep(label: string, previous?: SweepReport): Promise<SweepReport> {
  clock.advance(60_000);
  sandbox.resetRequests();
  const started = performance.now();
  const report = await sweepRepository(newSlaRun(github, settings), {
    now: clock.now().getTime(),
    previous,
    maxReads: Number.POSITIVE_INFINITY,
    periodStart: Date.parse("2026-11-01T00:00:00Z"),
  });
  const seconds = (performance.now() - started) / 1000;
  const reads = sandbox.requests.filter((request) => request.method === "GET").length;
  const writes = sandbox.requests.length - reads;
  console.log(
    `sla sweep ${label}: ${ISSUES} open issues, ${sandbox.requests.length} requests (${reads} reads, ${writes} writes), ` +
      `${report.reads} timelines read, ${seconds.toFixed(2)} s`,
  );
  return report;
}

const first = await sweep("first run (no previous report)");
const quiet = await sweep("nothing changed", first);
console.log(`  goal for nothing changed: <= ${Math.ceil(ISSUES / 100) + 10} requests`);
for (let index = 0; index < ISSUES; index += 100) {
  await sandbox.as("reporter").comment(REPO, index + 1, "Any news?");
}
const changed = await sweep(`after ${Math.ceil(ISSUES / 100)} issues got a comment`, quiet);
await sweep("nothing changed again", changed);
await sandbox.close();
