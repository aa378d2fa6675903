// The SLA clock through the real App: Probot's server over signed HTTP, GitHub played by the sandbox.
import { afterEach, describe, expect, it } from "vitest";
import {
  decodeStatusMarker,
  ESCALATION_MARKER_PREFIX,
  STATUS_MARKER_PREFIX,
} from "../../core/sla/marker.ts";
import { ManualClock } from "../../core/time/clock.ts";
import { deliveredPayload, type Harness, postWebhook, REPO, startHarness } from "../app/harness.ts";

let harness: Harness | undefined;
afterEach(async () => {
  harness?.sandbox.assertValid();
  await harness?.close();
  harness = undefined;
});

// Triage is off so that a person sets the severity; the SLA follows the label whoever sets it.
const CONFIG =
  "triage:\n  enabled: false\nsla:\n  escalation:\n    - notify: [assignees]\n    - after: 1h\n      notify: ['@octo-org/oncall']\n";

function comments(number: number, prefix: string) {
  return harness!.sandbox
    .issue(REPO, number)
    .comments.filter(
      (comment) => comment.user.endsWith("[bot]") && comment.body.startsWith(prefix),
    );
}

function marker(number: number) {
  const status = comments(number, STATUS_MARKER_PREFIX);
  expect(status).toHaveLength(1);
  return decodeStatusMarker(status[0]!.body)!;
}

describe("the App keeps SLA status current", () => {
  it("starts the clock when a severity is set and follows comments, pauses, close and reopen", async () => {
    const clock = new ManualClock("2026-11-25T10:00:00Z");
    harness = await startHarness({ clock, files: { ".github/upkeep.yml": CONFIG } });
    const { sandbox } = harness;
    const number = await sandbox.as("visitor").openIssue(REPO, { title: "Footer colour" });
    await sandbox.idle();
    expect(comments(number, STATUS_MARKER_PREFIX)).toHaveLength(0);

    await sandbox.as("tom").addLabels(REPO, number, ["severity: critical"]);
    await sandbox.idle();
    expect(marker(number).response).toEqual({ state: "on-track", due: "2026-11-25T11:00:00.000Z" });

    clock.set("2026-11-25T10:20:00Z");
    await sandbox.as("maria").comment(REPO, number, "Looking at it now");
    await sandbox.idle();
    expect(marker(number).response.state).toBe("met");

    clock.set("2026-11-25T11:00:00Z");
    await sandbox.as("maria").addLabels(REPO, number, ["waiting-for-reporter"]);
    await sandbox.idle();
    expect(marker(number)).toMatchObject({
      paused: true,
      resolution: { state: "paused", due: null },
    });

    clock.set("2026-11-25T13:00:00Z");
    await sandbox.as("visitor").comment(REPO, number, "Here is the log");
    await sandbox.idle();
    // One hour ran before the pause; the reporter's reply at 13:00 resumed it: 3h left.
    expect(marker(number)).toMatchObject({
      paused: false,
      resolution: { state: "on-track", due: "2026-11-25T16:00:00.000Z" },
    });

    clock.set("2026-11-25T14:00:00Z");
    await sandbox.as("maria").close(REPO, number);
    await sandbox.idle();
    expect(marker(number).resolution.state).toBe("met");

    clock.set("2026-11-26T09:00:00Z");
    await sandbox.as("visitor").reopen(REPO, number);
    await sandbox.idle();
    expect(marker(number)).toMatchObject({
      cycle: 2,
      resolution: { state: "on-track", due: "2026-11-26T13:00:00.000Z" },
    });
    const body = comments(number, STATUS_MARKER_PREFIX)[0]!.body;
    expect(body).toContain("earlier cycles used 2h of working time");
    expect(sandbox.issue(REPO, number).labels.filter((label) => label.startsWith("sla:"))).toEqual(
      [],
    );
  });

  it("a breach escalates once, however many deliveries arrive at the same time", async () => {
    const clock = new ManualClock("2026-11-25T10:00:00Z");
    harness = await startHarness({ clock, files: { ".github/upkeep.yml": CONFIG } });
    const { sandbox } = harness;
    const number = await sandbox.as("visitor").openIssue(REPO, {
      title: "Data loss",
      labels: ["severity: critical"],
      assignees: ["maria"],
    });
    await sandbox.idle();
    clock.set("2026-11-25T11:30:00Z");
    const payload = deliveredPayload(sandbox, "issues", "labeled", number);
    const statuses = await Promise.all(
      Array.from({ length: 4 }, () => postWebhook(harness!, "issues", payload)),
    );
    await sandbox.idle();
    expect(statuses.every((status) => status >= 200 && status < 300)).toBe(true);
    const escalations = comments(number, ESCALATION_MARKER_PREFIX);
    expect(escalations).toHaveLength(1);
    expect(escalations[0]!.body).toContain("@maria");
    expect(sandbox.issue(REPO, number).labels).toContain("sla: breached");
    expect(marker(number).escalated).toEqual([0]);
  });
});
