// SLA deadlines as timer jobs: with nobody touching an issue, the App itself flips it to breached
// and escalates when the time comes, without a webhook and without waiting for the sweep.
// The clock runs 360 times faster than the wall (one SLA hour in ten seconds), and the App is told so.
import { afterEach, describe, expect, it } from "vitest";
import {
  decodeStatusMarker,
  ESCALATION_MARKER_PREFIX,
  STATUS_MARKER_PREFIX,
} from "../../core/sla/marker.ts";
import type { Clock } from "../../core/time/clock.ts";
import { type Harness, REPO, startHarness } from "../app/harness.ts";

const SPEED = 360;
const CONFIG =
  "triage:\n  enabled: false\nsla:\n  escalation:\n    - notify: [assignees]\n    - after: 1h\n      notify: ['@octo-org/oncall']\n";

let harness: Harness | undefined;
afterEach(async () => {
  harness?.sandbox.assertValid();
  await harness?.close();
  harness = undefined;
});

function fastClock(start: string): Clock {
  const clockStart = Date.parse(start);
  const wallStart = Date.now();
  return { now: () => new Date(clockStart + (Date.now() - wallStart) * SPEED) };
}

function ownComments(h: Harness, number: number, prefix: string) {
  return h.sandbox
    .issue(REPO, number)
    .comments.filter((c) => c.user.endsWith("[bot]") && c.body.startsWith(prefix));
}

async function until(check: () => boolean, wallMs: number): Promise<void> {
  const deadline = Date.now() + wallMs;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
}

describe("SLA deadlines as timer jobs", () => {
  it("an untouched critical issue is marked breached and escalated on time, by the App's own timer", async () => {
    const clock = fastClock("2026-11-25T10:00:00Z");
    harness = await startHarness({
      clock,
      files: { ".github/upkeep.yml": CONFIG },
      app: { deadlineDelay: (at) => (at - clock.now().getTime()) / SPEED },
    });
    const h = harness;
    const number = await h.sandbox.as("visitor").openIssue(REPO, {
      title: "Data loss",
      labels: ["severity: critical"],
      assignees: ["maria"],
    });
    await h.sandbox.idle();
    const deliveriesBefore = h.sandbox.deliveries.filter(
      (d) => !d.payload.sender || !(d.payload.sender as { login: string }).login.endsWith("[bot]"),
    ).length;

    // Nobody does anything; the response goal (1h) passes about ten wall seconds later.
    await until(() => h.sandbox.issue(REPO, number).labels.includes("sla: breached"), 25_000);
    expect(h.sandbox.issue(REPO, number).labels).toContain("sla: breached");
    // On time: labelled at the response deadline (11:00 on the clock), give or take the machine.
    const labeled = h.sandbox.deliveries.find(
      (d) =>
        d.action === "labeled" && (d.payload.label as { name: string }).name === "sla: breached",
    );
    const at = Date.parse((labeled?.payload.issue as { updated_at?: string })?.updated_at ?? "");
    expect(at).toBeGreaterThanOrEqual(Date.parse("2026-11-25T11:00:00Z"));
    expect(at).toBeLessThan(Date.parse("2026-11-25T11:30:00Z"));
    await until(() => ownComments(h, number, ESCALATION_MARKER_PREFIX).length > 0, 5_000);
    const escalations = ownComments(h, number, ESCALATION_MARKER_PREFIX);
    expect(escalations).toHaveLength(1);
    expect(escalations[0]?.body).toContain("@maria");
    // The status comment is the last write of a sync.
    const marker = () =>
      decodeStatusMarker(ownComments(h, number, STATUS_MARKER_PREFIX)[0]?.body ?? "");
    await until(() => marker()?.response.state === "breached", 5_000);
    expect(marker()?.response.state).toBe("breached");
    expect(ownComments(h, number, STATUS_MARKER_PREFIX)).toHaveLength(1);
    // No person's event caused any of it: only the App's own echoes arrived meanwhile.
    const deliveriesAfter = h.sandbox.deliveries.filter(
      (d) => !d.payload.sender || !(d.payload.sender as { login: string }).login.endsWith("[bot]"),
    ).length;
    expect(deliveriesAfter).toBe(deliveriesBefore);
  }, 45_000);

  it("with a stopped clock the timer waits: nothing changes before the deadline", async () => {
    const clock: Clock = { now: () => new Date("2026-11-25T10:00:00Z") };
    harness = await startHarness({ clock, files: { ".github/upkeep.yml": CONFIG } });
    const h = harness;
    const number = await h.sandbox.as("visitor").openIssue(REPO, {
      title: "Data loss",
      labels: ["severity: critical"],
    });
    await h.sandbox.idle();
    h.sandbox.resetRequests();
    await new Promise((r) => setTimeout(r, 1500));
    expect(h.sandbox.requests).toEqual([]);
    expect(h.sandbox.issue(REPO, number).labels).not.toContain("sla: breached");
  });
});
