// The full sweep (every capability: triage, SLA and escalation, RCAs, security windows, RCA
// reminders, check-ins) over a large repository in the sandbox, counted in API requests: a first
// sweep without memory, a sweep when nothing changed (goal: n/100 + 10), and one after 1% of the
// issues got a comment. Run with `npm run bench -- queue` or `npm run bench -- sweep`.
// The sandbox skips OpenAPI validation and the client is plain Octokit (no faults here), so the
// request counts are what they would be on GitHub.
import { Octokit } from "@octokit/core";
import { defaultConfig } from "../core/config/schema.ts";
import { ManualClock } from "../core/time/clock.ts";
import { OctokitGitHub, type OctokitLike } from "../github/octokit-port.ts";
import { type FullSweepReport, sweepRepositoryFully } from "../github/sweep/repository.ts";
import { startSandbox } from "../sandbox/index.ts";
import { BOT_LOGIN } from "../sandbox/state.ts";

const REPO = "octo-org/octo-repo";
const ISSUES = Number(process.env.BENCH_SWEEP_ISSUES ?? 10_000);
const SEVERITIES = ["severity: critical", "severity: major", "severity: minor"];

const clock = new ManualClock("2026-11-23T08:00:00Z");
const sandbox = await startSandbox({ clock, validate: false });
sandbox.addRepo(REPO);
sandbox.addUser("reporter");
const seeded = performance.now();
for (let index = 0; index < ISSUES; index++) {
  // A triaged backlog, mostly minor; none of it reaches a deadline during the bench.
  const labels = [SEVERITIES[index % 50 === 0 ? 1 : 2] as string];
  await sandbox.as("reporter").openIssue(REPO, { title: `Issue ${index}`, labels });
}
await sandbox.idle();
console.log(
  `seeded ${ISSUES} open issues in ${((performance.now() - seeded) / 1000).toFixed(1)} s`,
);

const config = defaultConfig();
const client = new Octokit({ auth: sandbox.installationToken("octo-org"), baseUrl: sandbox.url });
const [owner, repo] = REPO.split("/") as [string, string];
// The installation token writes as the App's bot: the identity whose comments the sweep owns.
const github = new OctokitGitHub(
  client as unknown as OctokitLike,
  { owner, repo },
  { botLogin: BOT_LOGIN },
);

async function sweep(previous?: FullSweepReport) {
  clock.advance(60_000);
  sandbox.resetRequests();
  const started = performance.now();
  const report = await sweepRepositoryFully(github, config, {
    now: clock.now().getTime(),
    previous,
    maxReads: Number.POSITIVE_INFINITY,
    periodStart: Date.parse("2026-11-01T00:00:00Z"),
  });
  const seconds = (performance.now() - started) / 1000;
  const reads = sandbox.requests.filter((request) => request.method === "GET").length;
  return {
    report,
    requests: sandbox.requests.length,
    detail: `${reads} reads, ${sandbox.requests.length - reads} writes, ${report.sla?.reads ?? 0} timelines, ${seconds.toFixed(2)} s`,
  };
}

const first = await sweep();
console.log(
  `first sweep (no memory): ${first.requests} requests for ${ISSUES} issues (${first.detail})`,
);
const quiet = await sweep(first.report);
console.log(`queue sweep unchanged: ${quiet.requests} requests for ${ISSUES} issues`);
console.log(`  (${quiet.detail}; goal <= ${Math.ceil(ISSUES / 100) + 10})`);
for (let index = 0; index < ISSUES; index += 100) {
  await sandbox.as("reporter").comment(REPO, index + 1, "Any news?");
}
await sandbox.idle();
const changed = await sweep(quiet.report);
console.log(`queue sweep 1% changed: ${changed.requests} requests for ${ISSUES} issues`);
console.log(`  (${changed.detail})`);
await sandbox.close();
