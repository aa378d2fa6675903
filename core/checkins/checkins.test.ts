import { describe, expect, it } from "vitest";
import { parseConfigText } from "../config/parse.ts";
import type { CheckinConfig } from "./config.ts";
import { doneOnTime, planCheckins, readCheckinMarker } from "./plan.ts";
import { latestOccurrence } from "./schedule.ts";

function checkins(yaml: string): CheckinConfig[] {
  const result = parseConfigText(yaml);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.config.checkins;
}

const quarterly = checkins(`checkins:
  - name: dependency-review
    title: "Quarterly dependency review ({date})"
    every: 3 months
    start: "2026-01-05"
    checklist: quarterly-dependency-review
    assignees: [alice]
    due: 14d
    remindBefore: 3d
`);

describe("check-in schedule", () => {
  it.each([
    ["2026-01-04T12:00:00Z", undefined],
    ["2026-01-05T00:00:00Z", "2026-01-05T00:00:00.000Z"],
    ["2026-04-04T23:59:00Z", "2026-01-05T00:00:00.000Z"],
    ["2026-11-25T09:00:00Z", "2026-10-05T00:00:00.000Z"],
  ])("every 3 months from Jan 5: at %s the latest occurrence is %s", (now, expected) => {
    expect(latestOccurrence(quarterly[0]!, new Date(now), "UTC")?.toISOString()).toBe(expected);
  });

  it("follows cron in the configured time zone", () => {
    const [monthly] = checkins(`checkins:
  - name: health
    title: Monthly health review
    cron: "0 9 1 * *"
`);
    const latest = latestOccurrence(monthly!, new Date("2026-11-25T12:00:00Z"), "Europe/Berlin");
    expect(latest?.toISOString()).toBe("2026-11-01T08:00:00.000Z");
  });

  it("rejects a check-in with both or neither schedule, and bad cron, at the right key", () => {
    const result = parseConfigText(`checkins:
  - name: a
    title: A
  - name: b
    title: B
    cron: "61 * * * *"
`);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => [p.path, p.line])).toEqual([
      ["checkins.0", 2],
      ["checkins.1.cron", 6],
    ]);
  });
});

describe("check-in issues", () => {
  const checklists = new Map([["quarterly-dependency-review", "- [ ] Review outdated packages"]]);

  it("opens exactly one issue per occurrence, with the checklist and due date", () => {
    const now = new Date("2026-10-06T10:00:00Z");
    const first = planCheckins({ checkins: quarterly, existing: [], checklists, now, zone: "UTC" });
    expect(first).toHaveLength(1);
    const open = first[0];
    if (open?.kind !== "open") throw new Error("expected an open action");
    expect(open.title).toBe("Quarterly dependency review (2026-10-05)");
    expect(open.body).toContain("- [ ] Review outdated packages");
    expect(readCheckinMarker(open.body)).toEqual({
      name: "dependency-review",
      occurrence: "2026-10-05T00:00:00.000Z",
      due: "2026-10-19T00:00:00.000Z",
      reminded: false,
    });
    const existing = [{ number: 4, state: "open" as const, body: open.body, closedAt: null }];
    expect(planCheckins({ checkins: quarterly, existing, checklists, now, zone: "UTC" })).toEqual(
      [],
    );
  });

  it("reminds once, three days before the due date", () => {
    const [open] = planCheckins({
      checkins: quarterly,
      existing: [],
      checklists,
      now: new Date("2026-10-06T00:00:00Z"),
      zone: "UTC",
    });
    if (open?.kind !== "open") throw new Error("expected an open action");
    const issue = { number: 4, state: "open" as const, body: open.body, closedAt: null };
    const now = new Date("2026-10-16T01:00:00Z");
    const [remind] = planCheckins({
      checkins: quarterly,
      existing: [issue],
      checklists,
      now,
      zone: "UTC",
    });
    expect(remind).toMatchObject({
      kind: "remind",
      number: 4,
      comment: expect.stringContaining("is due in 2d 23h"),
    });
    const reminded = { ...issue, body: (remind as { body: string }).body };
    expect(
      planCheckins({ checkins: quarterly, existing: [reminded], checklists, now, zone: "UTC" }),
    ).toEqual([]);
  });

  it("counts a check-in closed before its due date as done on time", () => {
    const body =
      "<!-- upkeep:checkin name=x occurrence=2026-10-05T00:00:00.000Z due=2026-10-19T00:00:00.000Z reminded=0 -->";
    expect(doneOnTime({ number: 1, state: "closed", body, closedAt: "2026-10-18T00:00:00Z" })).toBe(
      true,
    );
    expect(doneOnTime({ number: 1, state: "closed", body, closedAt: "2026-10-20T00:00:00Z" })).toBe(
      false,
    );
  });
});
