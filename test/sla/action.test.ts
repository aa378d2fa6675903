// The SLA check action as the runner runs it (bundled dist, INPUT_* variables, GITHUB_OUTPUT,
// GITHUB_STEP_SUMMARY) against a sandbox repository with issues in every SLA state.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  decodeStatusMarker,
  ESCALATION_MARKER_PREFIX,
  STATUS_MARKER_PREFIX,
} from "../../core/sla/marker.ts";
import type { SweepReport } from "../../core/sla/sweep.ts";
import { ManualClock } from "../../core/time/clock.ts";
import { type Sandbox, startSandbox } from "../../sandbox/index.ts";
import { type ActionRun, runAction } from "../support/run-action.ts";
import { REPO_ROOT } from "../support/run-cli.ts";

const REPO = "octo-org/octo-repo";
const ENTRY = join(REPO_ROOT, "actions/sla-check/dist/index.js");
const CONFIG = `
timezone: Europe/Berlin
sla:
  calendars:
    office:
      timezone: Europe/Berlin
      hours: { weekdays: "09:00-17:00" }
  goals:
    critical: { response: 1h, resolution: 4h }
    major: { response: 4h, resolution: 24h, calendar: office }
    minor: { response: 3d, resolution: 16h, calendar: office }
  escalation:
    - notify: [assignees]
    - after: 1h
      notify: ["@octo-org/team-lead"]
`;

const clock = new ManualClock("2026-11-23T08:00:00Z"); // Monday 09:00 in Berlin
let sandbox: Sandbox;
const workspace = mkdtempSync(join(tmpdir(), "upkeep-sla-action-"));

async function sweep(inputs: Record<string, string> = {}): Promise<ActionRun> {
  const run = await runAction({
    entry: ENTRY,
    apiUrl: sandbox.url,
    repository: REPO,
    eventName: "schedule",
    workspace,
    inputs: {
      token: sandbox.installationToken("octo-org"),
      now: clock.now().toISOString(),
      "max-reads": "300",
      "comment-budget": "60",
      report: "sla-report.json",
      ...inputs,
    },
  });
  expect(run.stderr).toBe("");
  expect(run.exitCode, run.stdout).toBe(0);
  return run;
}

function botComments(number: number, prefix: string) {
  return sandbox.issue(REPO, number).comments.filter((comment) => comment.body.startsWith(prefix));
}

function report(): SweepReport {
  return JSON.parse(readFileSync(join(workspace, "sla-report.json"), "utf8"));
}

async function open(login: string, title: string, labels: string[] = []): Promise<number> {
  return sandbox.as(login).openIssue(REPO, { title, labels, assignees: ["maya"] });
}

beforeAll(async () => {
  sandbox = await startSandbox({ clock });
  sandbox.addRepo(REPO, { files: { ".github/upkeep.yml": CONFIG } });
  for (const login of ["maya", "reporter"]) sandbox.addUser(login);
  sandbox.setPermission(REPO, "maya", "triage");
  const maya = sandbox.as("maya");
  await open("reporter", "Checkout down", ["severity: critical"]); // #1
  await open("reporter", "Search slow", ["severity: major"]); // #2
  await open("reporter", "Typo in footer", ["severity: minor"]); // #3
  await open("reporter", "How do I?"); // #4: no severity, no SLA
  await open("reporter", "Crash on save", ["severity: critical"]); // #5
  await sandbox.as("reporter").openPullRequest(REPO, { title: "Fix typo" }); // #6
  clock.set("2026-11-23T08:10:00Z");
  await maya.comment(REPO, 1, "On it");
  await maya.comment(REPO, 3, "Which page?");
  await maya.addLabels(REPO, 3, ["waiting-for-reporter"]);
  await maya.comment(REPO, 5, "Fixed");
  await maya.close(REPO, 5);
  clock.set("2026-11-23T10:05:00Z");
  await open("reporter", "Login fails <b>@everyone</b>", ["severity: critical"]); // #7
  // 11:10: #1's resolution is at risk (75% of 4h), so is #2's response (75% of 4 working
  // hours); #7 got no response within its hour; #3 waits for its reporter.
  clock.set("2026-11-23T11:10:00Z");
});

afterAll(async () => {
  sandbox.assertValid();
  await sandbox.close();
});

describe("actions/sla-check", () => {
  it("labels, comments and escalates each issue by its state, and reports it", async () => {
    const run = await sweep();
    expect(run.outputs["breached-count"]).toBe("1");
    expect(run.outputs["at-risk-count"]).toBe("2");
    expect(sandbox.issue(REPO, 1).labels).toContain("sla: at-risk");
    expect(sandbox.issue(REPO, 2).labels).toContain("sla: at-risk");
    expect(sandbox.issue(REPO, 7).labels).toContain("sla: breached");
    expect(sandbox.issue(REPO, 3).labels.filter((label) => label.startsWith("sla:"))).toEqual([]);
    for (const number of [1, 2, 3, 7]) {
      expect(botComments(number, STATUS_MARKER_PREFIX)).toHaveLength(1);
    }
    for (const number of [4, 5, 6]) {
      expect(botComments(number, STATUS_MARKER_PREFIX)).toHaveLength(0);
    }
    const paused = decodeStatusMarker(botComments(3, STATUS_MARKER_PREFIX)[0]!.body);
    expect(paused?.resolution.state).toBe("paused");
    const escalations = botComments(7, ESCALATION_MARKER_PREFIX);
    expect(escalations).toHaveLength(1);
    expect(escalations[0]!.body).toContain("@maya");
    expect(escalations[0]!.body).not.toContain("@octo-org/team-lead");

    const rows = run.summary.split("\n").join("");
    expect(rows).toContain(
      "<tr><td>critical</td><td>2</td><td>1 (50%)</td><td>1 (50%)</td><td>1 of 1 (100%)</td></tr>",
    );
    expect(rows).toContain(
      "<tr><td>major</td><td>1</td><td>1 (100%)</td><td>0 (0%)</td><td>0 of 0 (—)</td></tr>",
    );
    expect(rows).toContain(
      "<tr><td>minor</td><td>1</td><td>0 (0%)</td><td>0 (0%)</td><td>0 of 0 (—)</td></tr>",
    );
    expect(run.summary).toContain("Login fails \\<b\\>@\u2060everyone\\</b\\>");
    expect(run.summary).toMatch(/#7<\/a>.* critical, response due/);
    const states = report().issues.map((issue) => [
      issue.number,
      issue.response.state,
      issue.resolution.state,
    ]);
    expect(states).toEqual([
      [1, "met", "at-risk"],
      [2, "at-risk", "on-track"],
      [3, "met", "paused"],
      [7, "breached", "on-track"],
    ]);
  });

  it("a re-run with the previous report reads no timeline and writes nothing", async () => {
    const before = sandbox.issues(REPO).map((issue) => issue.comments.length);
    sandbox.resetRequests();
    const run = await sweep({ "previous-report": "sla-report.json" });
    expect(run.outputs["breached-count"]).toBe("1");
    expect(sandbox.issues(REPO).map((issue) => issue.comments.length)).toEqual(before);
    const paths = sandbox.requests.map(
      (request) => `${request.method} ${request.path.split("?")[0]}`,
    );
    expect(paths.filter((path) => path.includes("/timeline"))).toEqual([]);
    expect(paths.filter((path) => !path.startsWith("GET"))).toEqual([]);
    expect(report().reads).toBe(0);
  });

  it("the next escalation step comes once when due, also under concurrent runs", async () => {
    clock.set("2026-11-23T11:30:00Z");
    await sweep({ "previous-report": "sla-report.json" });
    expect(botComments(7, ESCALATION_MARKER_PREFIX)).toHaveLength(1);
    clock.set("2026-11-23T12:06:00Z"); // the second step is due an hour after the 11:05 breach
    await Promise.all([sweep({ report: "a.json" }), sweep({ report: "b.json" })]);
    await sweep({ "previous-report": "sla-report.json" });
    const escalations = botComments(7, ESCALATION_MARKER_PREFIX);
    expect(escalations).toHaveLength(2);
    expect(escalations[1]!.body).toContain("@octo-org/team-lead");
    const marker = decodeStatusMarker(botComments(7, STATUS_MARKER_PREFIX)[0]!.body);
    expect(marker?.escalated).toEqual([0, 1]);
    expect(botComments(7, STATUS_MARKER_PREFIX)).toHaveLength(1);
  });

  it("only an issue updated since the last run has its timeline read (a reporter's reply resumes it)", async () => {
    clock.set("2026-11-23T12:07:00Z");
    await sandbox.as("reporter").comment(REPO, 3, "The footer on the pricing page");
    sandbox.resetRequests();
    await sweep({ "previous-report": "sla-report.json" });
    const timelines = sandbox.requests
      .filter((request) => request.path.includes("/timeline"))
      .map((request) => request.path.split("?")[0]);
    expect(timelines).toEqual([`/repos/${REPO}/issues/3/timeline`]);
    // The reporter's answer resumed the paused clock.
    expect(report().issues.find((issue) => issue.number === 3)?.resolution.state).toBe("on-track");
    const marker = decodeStatusMarker(botComments(3, STATUS_MARKER_PREFIX)[0]!.body);
    expect(marker?.paused).toBe(false);
  });
});

describe("actions/sla-check with a broken calendar", () => {
  it("fails the step with an annotation at the offending line and writes nothing", async () => {
    const broken = await startSandbox({ clock });
    try {
      broken.addRepo(REPO, {
        files: {
          ".github/upkeep.yml":
            "sla:\n  calendars:\n    office:\n      timezone: Mars/Olympus\n      hours: { weekdays: 09:00-17:00 }\n",
        },
      });
      const run = await runAction({
        entry: ENTRY,
        apiUrl: broken.url,
        repository: REPO,
        eventName: "schedule",
        workspace,
        inputs: {
          token: broken.installationToken("octo-org"),
          "max-reads": "10",
          "comment-budget": "1",
        },
      });
      expect(run.exitCode).toBe(1);
      expect(run.stdout).toContain(
        "::error title=Invalid Upkeep config,file=.github/upkeep.yml,line=4",
      );
      expect(run.stdout).toContain('unknown time zone "Mars/Olympus"');
      expect(broken.requests.filter((request) => request.method !== "GET")).toEqual([]);
    } finally {
      await broken.close();
    }
  });
});

describe("actions/sla-check when GitHub fails a fifth of the requests", () => {
  it("retries, ends with one status comment per issue and one escalation, and re-runs add nothing", async () => {
    const faulty = await startSandbox({ clock: new ManualClock("2026-11-25T10:00:00Z") });
    try {
      faulty.addRepo(REPO);
      faulty.addUser("reporter");
      faulty.addUser("maya");
      for (const labels of [["severity: critical"], ["severity: minor"]]) {
        await faulty
          .as("reporter")
          .openIssue(REPO, { title: "Broken", labels, assignees: ["maya"] });
      }
      faulty.setFaults({ rate: 0.2, seed: 11, kinds: ["500", "502", "429"] });
      const inputs = {
        token: faulty.installationToken("octo-org"),
        now: "2026-11-25T11:30:00Z",
        report: "faulty.json",
      };
      for (let run = 0; run < 2; run++) {
        const result = await runAction({
          entry: ENTRY,
          apiUrl: faulty.url,
          repository: REPO,
          workspace,
          inputs,
        });
        expect(result.exitCode, result.stdout).toBe(0);
        expect(result.outputs["breached-count"], result.stdout).toBe("1");
      }
      const own = (number: number, prefix: string) =>
        faulty.issue(REPO, number).comments.filter((comment) => comment.body.startsWith(prefix));
      expect([own(1, STATUS_MARKER_PREFIX).length, own(2, STATUS_MARKER_PREFIX).length]).toEqual([
        1, 1,
      ]);
      expect(own(1, ESCALATION_MARKER_PREFIX)).toHaveLength(1);
      expect(
        faulty.requests.some((request) => request.status >= 500 || request.status === 429),
      ).toBe(true);
    } finally {
      await faulty.close();
    }
  });
});
