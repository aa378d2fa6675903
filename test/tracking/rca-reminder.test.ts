import { describe, expect, it } from "vitest";
import { rcaConfigSchema } from "../../core/tracking/config.ts";
import { reminderComment } from "../../core/tracking/rca/messages.ts";
import { closedOnTime, dueReminder } from "../../core/tracking/rca/reminder.ts";
import { comment, incident } from "./support/incident.ts";

const rca = (overrides: Parameters<typeof incident>[0] = {}) =>
  incident({
    number: 50,
    state: "open",
    stateReason: null,
    closedAt: null,
    labels: ["rca"],
    body: "RCA\n<!-- upkeep:rca incident=12 due=2026-03-09T13:30:00.000Z through=2026-03-02T13:30:00Z -->",
    ...overrides,
  });
const config = rcaConfigSchema.parse({});

describe("reminders", () => {
  it.each([
    ["before the due date", "2026-03-09T13:29:00Z", [], false],
    ["at the due date", "2026-03-09T13:30:00Z", [], true],
    ["within a day of the last reminder", "2026-03-10T13:00:00Z", ["2026-03-09T13:30:00Z"], false],
    ["a day after the last reminder", "2026-03-10T13:30:00Z", ["2026-03-09T13:30:00Z"], true],
  ])("%s → reminder: %s", (_name, now, previous, expected) => {
    const comments = (previous as string[]).map((at) =>
      comment("upkeep[bot]", at, reminderComment(new Date("2026-03-09T13:30:00Z"), "UTC", 1)),
    );
    expect(dueReminder(rca(), comments, new Date(now), config, "UTC") !== undefined).toBe(expected);
  });

  it("a person quoting a reminder does not reset the interval; reminders can be turned off", () => {
    const quoted = comment("lead", "2026-03-10T13:00:00Z", reminderComment(new Date(), "UTC", 1));
    expect(dueReminder(rca(), [quoted], new Date("2026-03-10T13:30:00Z"), config, "UTC")).toContain(
      "was due 2026-03-09 13:30 UTC",
    );
    expect(
      dueReminder(
        rca(),
        [],
        new Date("2026-04-01T00:00:00Z"),
        rcaConfigSchema.parse({ reminder: "off" }),
        "UTC",
      ),
    ).toBeUndefined();
  });
});

describe("done on time, for the maintenance report", () => {
  it.each([
    [
      "closed before its due date",
      { state: "closed" as const, closedAt: "2026-03-08T10:00:00Z" },
      true,
    ],
    [
      "closed after its due date",
      { state: "closed" as const, closedAt: "2026-03-10T10:00:00Z" },
      false,
    ],
    ["still open", {}, undefined],
    [
      "without a due date",
      {
        state: "closed" as const,
        closedAt: "2026-03-08T10:00:00Z",
        body: "<!-- upkeep:rca incident=12 -->",
      },
      undefined,
    ],
  ])("%s → %s", (_name, change, expected) => {
    expect(closedOnTime(rca(change))).toBe(expected);
  });
});
