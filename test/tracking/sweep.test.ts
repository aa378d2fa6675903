// The sweep through the GitHub port against the sandbox, as the SLA sweep action runs it.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseConfigText } from "../../core/config/parse.ts";
import { defaultConfig } from "../../core/config/schema.ts";
import { ManualClock } from "../../core/time/clock.ts";
import { findingSchema } from "../../core/tracking/security/finding.ts";
import type { OctokitGitHub } from "../../github/octokit-port.ts";
import { reconcileRca } from "../../github/tracking/rca.ts";
import { reconcileSecurityWindows } from "../../github/tracking/security-windows.ts";
import { sweepTracking } from "../../github/tracking/sweep.ts";
import { type Sandbox, startSandbox } from "../../sandbox/index.ts";
import { installationPort } from "../support/sandbox-port.ts";

const REPO = "octo-org/octo-repo";
let sandbox: Sandbox;
let clock: ManualClock;
let github: OctokitGitHub;

beforeEach(async () => {
  clock = new ManualClock("2026-03-02T09:00:00Z");
  sandbox = await startSandbox({ clock });
  sandbox.addRepo(REPO);
  sandbox.addUser("lead");
  sandbox.setPermission(REPO, "lead", "admin");
  github = installationPort(sandbox, REPO);
});

afterEach(async () => {
  sandbox.assertValid();
  await sandbox.close();
});

const days = (count: number) => count * 86_400_000;

describe("RCA reminders", () => {
  it("an RCA still open at its due date gets one reminder per day, none before", async () => {
    const config = defaultConfig();
    const incident = await sandbox
      .as("lead")
      .openIssue(REPO, { title: "DB down", labels: ["severity: critical"] });
    await sandbox.as("lead").close(REPO, incident, "completed");
    const { rcaNumber } = await reconcileRca(github, incident, config);
    const reminders = () =>
      sandbox
        .issue(REPO, rcaNumber!)
        .comments.filter((comment) => comment.body.includes("upkeep:rca-reminder"));

    clock.advance(days(6)); // Sunday: due Monday 09:00 (5 working days)
    expect((await sweepTracking(github, config, clock)).rcaReminders).toEqual([]);
    clock.advance(days(1));
    expect((await sweepTracking(github, config, clock)).rcaReminders).toEqual([rcaNumber]);
    clock.advance(60 * 60_000);
    await sweepTracking(github, config, clock);
    expect(reminders()).toHaveLength(1);
    clock.advance(days(1));
    await sweepTracking(github, config, clock);
    expect(reminders()).toHaveLength(2);
    expect(reminders()[0]!.body).toContain("was due 2026-03-09 09:00 UTC and is still open");
  });

  it("a closed RCA gets no reminder", async () => {
    const config = defaultConfig();
    const incident = await sandbox
      .as("lead")
      .openIssue(REPO, { title: "DB down", labels: ["severity: major"] });
    await sandbox.as("lead").close(REPO, incident, "completed");
    const { rcaNumber } = await reconcileRca(github, incident, config);
    await sandbox.as("lead").close(REPO, rcaNumber!, "completed");
    clock.advance(days(30));
    expect((await sweepTracking(github, config, clock)).rcaReminders).toEqual([]);
  });
});

describe("security-window deadlines in the sweep", () => {
  it("labels move to at-risk then breached as time passes, without any new event", async () => {
    const config = defaultConfig();
    const finding = findingSchema.parse({
      id: "upkeep-deps:GHSA-1:npm/lodash",
      source: "upkeep-deps",
      package: "lodash",
      severity: "critical",
      firstSeenAt: clock.now().toISOString(),
      fixHint: "Upgrade lodash to 4.17.21 or later.",
    });
    const { created } = await reconcileSecurityWindows(github, [finding], config, clock, {
      completeSources: ["upkeep-deps"],
    });
    clock.advance(19 * 3_600_000);
    await sweepTracking(github, config, clock);
    expect(sandbox.issue(REPO, created[0]!).labels).toEqual([
      "security",
      "security: critical",
      "sla: at-risk",
    ]);
    clock.advance(6 * 3_600_000);
    await sweepTracking(github, config, clock);
    expect(sandbox.issue(REPO, created[0]!).labels).toEqual([
      "security",
      "security: critical",
      "sla: breached",
    ]);
    // The next scan no longer reports it: fixed, closed, the breach label goes.
    await reconcileSecurityWindows(github, [], config, clock, { completeSources: ["upkeep-deps"] });
    const issue = sandbox.issue(REPO, created[0]!);
    expect(issue.state).toBe("closed");
    expect(issue.labels).toEqual(["security", "security: critical"]);
    expect(issue.comments.at(-1)?.body).toContain("no longer reported by the scan");
  });
});

describe("security-window escalation", () => {
  it("a breached window escalates through the SLA chain, each step once, mentioning only configured people", async () => {
    const parsed = parseConfigText(
      "sla:\n  escalation:\n    - notify: ['@octo-org/security']\n      message: patch it\n    - after: 2h\n      notify: ['@lead']\n",
    );
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const config = parsed.config;
    const finding = findingSchema.parse({
      id: "dependabot:7",
      source: "dependabot",
      package: "left-pad",
      title: "ping @everyone",
      severity: "critical",
      firstSeenAt: clock.now().toISOString(),
    });
    const { created } = await reconcileSecurityWindows(github, [finding], config, clock);
    const escalations = () =>
      sandbox
        .issue(REPO, created[0]!)
        .comments.filter((comment) => comment.body.includes("upkeep:sla-escalation"));
    clock.advance(23 * 3_600_000);
    expect((await sweepTracking(github, config, clock)).escalated).toEqual([]);
    clock.advance(2 * 3_600_000);
    expect((await sweepTracking(github, config, clock)).escalated).toEqual(created);
    await sweepTracking(github, config, clock);
    expect(escalations()).toHaveLength(1);
    expect(escalations()[0]!.body).toContain("@octo-org/security — patch it");
    expect(escalations()[0]!.body).not.toContain("@everyone");
    clock.advance(2 * 3_600_000);
    await sweepTracking(github, config, clock);
    expect(escalations()).toHaveLength(2);
    expect(escalations()[1]!.body).toContain("Escalation step 2: @lead");
  });
});
