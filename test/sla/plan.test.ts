// Reconciling one issue: the writes a plan asks for, and that applying it twice asks for nothing.
import { describe, expect, it } from "vitest";
import { decodeStatusMarker } from "../../core/sla/marker.ts";
import { planSla, type SlaPlan } from "../../core/sla/plan.ts";
import { at, bot, IssueStory, maintainer, settings } from "./snapshot.ts";

const ESCALATION = `
sla:
  escalation:
    - notify: [assignees]
    - after: 1h
      notify: ["@octo-org/team-lead"]
      message: the critical issue is still open
    - after: 2h
      notify: ["@cto"]
`;

/** Applies a plan to the story the way sync.ts applies it to GitHub. */
function apply(story: IssueStory, plan: SlaPlan, now: string): void {
  if (plan.escalation?.body) story.comment(now, bot, plan.escalation.body);
  for (const label of plan.addLabels) story.label(now, label, bot);
  for (const label of plan.removeLabels) story.unlabel(now, label, bot);
  if (plan.statusComment) {
    const existing = story.comments.find((comment) => comment.id === plan.statusComment!.id);
    if (existing) existing.body = plan.statusComment.body;
    else story.comment(now, bot, plan.statusComment.body);
  }
}

function step(story: IssueStory, yaml: string, now: string): SlaPlan {
  const plan = planSla(story.snapshot(), settings(yaml), at(now));
  apply(story, plan, now);
  return plan;
}

describe("planning an issue's SLA writes", () => {
  it("creates one status comment and then leaves it alone while nothing changes", () => {
    const story = new IssueStory("2026-11-25T10:00:00Z", ["severity: critical"]);
    const first = step(story, "", "2026-11-25T10:05:00Z");
    expect(first.statusComment?.id).toBeNull();
    expect(first.statusComment?.body).toContain(
      "| Resolution (4h, 24x7) | 🟢 on track | Wed 25 Nov 2026, 14:00 | 3h 55m |",
    );
    const again = step(story, "", "2026-11-25T10:06:00Z");
    expect(again.statusComment).toBeNull();
    expect(again.addLabels).toEqual([]);
    expect(story.comments.filter((comment) => comment.author === bot)).toHaveLength(1);
  });

  it("moves the labels from at-risk to breached and updates the comment in place", () => {
    const story = new IssueStory("2026-11-25T10:00:00Z", ["severity: critical"]);
    story.comment("2026-11-25T10:05:00Z", maintainer);
    step(story, "", "2026-11-25T10:10:00Z");
    const atRisk = step(story, "", "2026-11-25T13:05:00Z");
    expect(atRisk.addLabels).toEqual(["sla: at-risk"]);
    const statusId = atRisk.statusComment?.id;
    expect(statusId).toBeTypeOf("number");
    const breached = step(story, "", "2026-11-25T14:05:00Z");
    expect(breached.addLabels).toEqual(["sla: breached"]);
    expect(breached.removeLabels).toEqual(["sla: at-risk"]);
    expect(breached.statusComment?.id).toBe(statusId);
    expect(story.issue.labels).toEqual(["severity: critical", "sla: breached"]);
    expect(decodeStatusMarker(breached.statusComment!.body)?.resolution).toEqual({
      state: "breached",
      due: "2026-11-25T14:00:00.000Z",
    });
  });

  it("runs each escalation step once per cycle, batching steps a late run finds due", () => {
    const story = new IssueStory("2026-11-25T10:00:00Z", ["severity: critical"]);
    story.comment("2026-11-25T10:05:00Z", maintainer);
    expect(step(story, ESCALATION, "2026-11-25T13:59:00Z").escalation).toBeNull();
    const first = step(story, ESCALATION, "2026-11-25T14:01:00Z");
    expect(first.escalation?.steps).toEqual([0]);
    expect(first.escalation?.body).toContain("Escalation step 1: @maya");
    expect(step(story, ESCALATION, "2026-11-25T14:30:00Z").escalation).toBeNull();
    expect(step(story, ESCALATION, "2026-11-25T14:59:00Z").escalation).toBeNull();
    // The sweep was down for hours: steps 2 and 3 are both due and go out in one comment.
    const late = step(story, ESCALATION, "2026-11-25T18:00:00Z");
    expect(late.escalation?.steps).toEqual([1, 2]);
    expect(late.escalation?.body).toContain(
      "@octo-org/team-lead — the critical issue is still open",
    );
    expect(late.escalation?.body).toContain("@cto");
    expect(step(story, ESCALATION, "2026-11-25T20:00:00Z").escalation).toBeNull();
    expect(
      decodeStatusMarker(
        story.comments.find((c) => c.author === bot && c.body.includes("upkeep:sla {"))!.body,
      )?.escalated,
    ).toEqual([0, 1, 2]);
  });

  it("a lost status comment does not repeat steps recorded in escalation comments", () => {
    const story = new IssueStory("2026-11-25T10:00:00Z", ["severity: critical"]);
    step(story, ESCALATION, "2026-11-25T14:01:00Z");
    story.comments.splice(
      story.comments.findIndex((c) => c.body.includes("upkeep:sla {")),
      1,
    );
    expect(step(story, ESCALATION, "2026-11-25T14:02:00Z").escalation).toBeNull();
  });

  it("a reopened issue starts a new cycle whose breach escalates again", () => {
    const story = new IssueStory("2026-11-25T10:00:00Z", ["severity: critical"]);
    step(story, ESCALATION, "2026-11-25T14:01:00Z");
    story.close("2026-11-25T15:00:00Z");
    const closed = step(story, ESCALATION, "2026-11-25T15:01:00Z");
    expect(closed.escalation).toBeNull();
    story.reopen("2026-11-26T09:00:00Z").comment("2026-11-26T09:00:30Z", maintainer);
    const reopened = step(story, ESCALATION, "2026-11-26T09:01:00Z");
    expect(reopened.removeLabels).toEqual(["sla: breached"]);
    expect(step(story, ESCALATION, "2026-11-26T13:01:00Z").escalation?.steps).toEqual([0]);
  });

  it("mentions only configured people and the assignees' logins, never issue text", () => {
    const story = new IssueStory("2026-11-25T10:00:00Z", ["severity: critical"]);
    story.issue.title = "@everyone please look";
    story.issue.assignees = ["maya", "not a login @evil"];
    story.comment("2026-11-25T10:05:00Z", maintainer);
    const plan = step(story, ESCALATION, "2026-11-25T14:01:00Z");
    expect(plan.escalation?.body?.match(/@[\w/-]+/g)).toEqual(["@maya"]);
  });

  it("removing the severity turns the status comment into a note and drops the SLA labels", () => {
    const story = new IssueStory("2026-11-25T10:00:00Z", ["severity: critical"]);
    story.comment("2026-11-25T10:05:00Z", maintainer);
    step(story, "", "2026-11-25T13:30:00Z");
    story.unlabel("2026-11-25T13:40:00Z", "severity: critical");
    const plan = step(story, "", "2026-11-25T13:41:00Z");
    expect(plan.removeLabels).toEqual(["sla: at-risk"]);
    expect(plan.statusComment?.body).toContain("No SLA applies to this issue now");
    expect(step(story, "", "2026-11-25T13:42:00Z").statusComment).toBeNull();
  });

  it("an issue that never had an SLA gets no comment", () => {
    const story = new IssueStory("2026-11-25T10:00:00Z", ["question"]);
    const plan = step(story, "", "2026-11-25T13:41:00Z");
    expect([plan.statusComment, plan.addLabels, plan.removeLabels]).toEqual([null, [], []]);
  });
});
