// The SLA sweep action also keeps tracking deadlines: RCA reminders and security-window stages.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultConfig } from "../../core/config/schema.ts";
import { ManualClock } from "../../core/time/clock.ts";
import { findingSchema } from "../../core/tracking/security/finding.ts";
import { reconcileRca } from "../../github/tracking/rca.ts";
import { reconcileSecurityWindows } from "../../github/tracking/security-windows.ts";
import { type Sandbox, startSandbox } from "../../sandbox/index.ts";
import { runAction } from "../support/run-action.ts";
import { REPO_ROOT } from "../support/run-cli.ts";
import { installationPort } from "../support/sandbox-port.ts";

const REPO = "octo-org/octo-repo";
const DAY = 86_400_000;
const clock = new ManualClock("2026-03-02T09:00:00Z"); // a Monday
let sandbox: Sandbox;
let rca: number;
let window: number;

beforeAll(async () => {
  sandbox = await startSandbox({ clock });
  sandbox.addRepo(REPO);
  sandbox.addUser("lead");
  sandbox.setPermission(REPO, "lead", "admin");
  const github = installationPort(sandbox, REPO);
  const incident = await sandbox
    .as("lead")
    .openIssue(REPO, { title: "DB down", labels: ["severity: critical"] });
  await sandbox.as("lead").close(REPO, incident, "completed");
  rca = (await reconcileRca(github, incident, defaultConfig())).rcaNumber!;
  const finding = findingSchema.parse({
    id: "GHSA-aaaa-bbbb-cccc",
    source: "upkeep-deps",
    package: "lodash",
    severity: "critical",
    firstSeenAt: clock.now().toISOString(),
    fixHint: "upgrade to 4.17.21",
  });
  await reconcileSecurityWindows(github, [finding], defaultConfig(), clock);
  window = sandbox.issues(REPO).find((issue) => issue.labels.includes("security"))!.number;
});

afterAll(async () => {
  sandbox?.assertValid();
  await sandbox?.close();
});

function sweepAt(at: number) {
  // GitHub's clock and the sweep's agree: comments the sweep writes are stamped with this time.
  clock.set(new Date(at));
  return runAction({
    entry: join(REPO_ROOT, "actions/sla-check/dist/index.js"),
    apiUrl: sandbox.url,
    repository: REPO,
    eventName: "schedule",
    inputs: {
      token: sandbox.installationToken("octo-org"),
      now: new Date(at).toISOString(),
      report: "sla-report.json",
    },
  });
}

describe("sla-check sweeps tracking deadlines", () => {
  it("reminds an overdue RCA once and marks a breached security window", async () => {
    const start = clock.now().getTime();
    const early = await sweepAt(start + 2 * 3_600_000);
    expect(early.exitCode, early.stdout + early.stderr).toBe(0);
    expect(early.outputs["rca-reminders"]).toBe("0");
    expect(sandbox.issue(REPO, window).labels).not.toContain("sla: breached");

    const late = await sweepAt(start + 7.5 * DAY);
    expect(late.exitCode, late.stdout + late.stderr).toBe(0);
    expect(late.outputs["rca-reminders"]).toBe("1");
    const reminders = () =>
      sandbox
        .issue(REPO, rca)
        .comments.filter((comment) => comment.body.includes("upkeep:rca-reminder"));
    expect(reminders()).toHaveLength(1);
    expect(sandbox.issue(REPO, window).labels).toContain("sla: breached");

    const again = await sweepAt(start + 7.5 * DAY + 60_000);
    expect(again.outputs["rca-reminders"]).toBe("0");
    expect(reminders()).toHaveLength(1);
  });
});
