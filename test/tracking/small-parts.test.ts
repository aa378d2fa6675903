import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseConfigText } from "../../core/config/parse.ts";
import { buildCalendar } from "../../core/sla/calendar.ts";
import { weekdaysCalendar } from "../../core/tracking/calendar.ts";
import {
  DEFAULT_RCA_TEMPLATE,
  DEFAULT_SECURITY_WINDOW_TEMPLATE,
} from "../../core/tracking/default-templates.ts";
import { readMarker, replaceMarker, writeMarker } from "../../core/tracking/markers.ts";
import { parseRcaCommand } from "../../core/tracking/rca/command.ts";
import { resolverFrom, slaCalendars } from "../../core/tracking/sla-calendars.ts";

const root = new URL("../../", import.meta.url);

it("the shipped templates are the built-in ones", () => {
  expect(readFileSync(new URL("templates/rca.md", root), "utf8")).toBe(DEFAULT_RCA_TEMPLATE);
  expect(readFileSync(new URL("templates/security-window.md", root), "utf8")).toBe(
    DEFAULT_SECURITY_WINDOW_TEMPLATE,
  );
});

describe("the tracking config section", () => {
  it("has useful defaults with no file", () => {
    const result = parseConfigText("");
    if (!result.ok) throw new Error("defaults invalid");
    expect(result.config.tracking.rca).toMatchObject({
      severities: ["critical", "major"],
      labels: ["rca"],
      reminder: "1d",
    });
    expect(result.config.tracking.securityWindows.windows).toEqual({
      critical: "24h",
      high: "72h",
      medium: "14d",
      low: "90d",
    });
  });

  it("a bad window duration is reported with its key path and line", () => {
    const result = parseConfigText(
      "tracking:\n  securityWindows:\n    windows:\n      high: 3 days\n",
      ".github/upkeep.yml",
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]).toMatchObject({
      path: "tracking.securityWindows.windows.high",
      line: 4,
    });
  });

  it("an unknown severity in rca.severities is refused", () => {
    const result = parseConfigText("tracking:\n  rca:\n    severities: [blocker]\n");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]?.path).toBe("tracking.rca.severities.0");
  });
});

describe("/rca commands", () => {
  it.each([
    [
      "/rca skip tabletop exercise, nothing broke",
      { kind: "skip", reason: "tabletop exercise, nothing broke" },
    ],
    ["  /RCA   Skip   dup of #4  ", { kind: "skip", reason: "dup of #4" }],
    ["/rca skip", { kind: "skip-without-reason" }],
    ["/rca later", { kind: "unknown", verb: "later" }],
    ["> /rca skip quoted", undefined],
    ["```\n/rca skip in code\n```", undefined],
    ["    /rca skip indented code", undefined],
    ["we should /rca skip this", undefined],
  ])("%j → %j", (body, expected) => {
    expect(parseRcaCommand(body)).toEqual(expected);
  });
});

describe("markers", () => {
  it("round-trip their fields, and values cannot close the comment", () => {
    const marker = writeMarker("security-window", { id: "dependabot:20 --> <b>" });
    expect(marker).toBe("<!-- upkeep:security-window id=dependabot:20_--___b_ -->");
    expect(readMarker(`text\n${marker}`, "security-window")).toEqual({
      id: "dependabot:20_--___b_",
    });
    expect(
      readMarker(replaceMarker(marker, "security-window", { id: "x" }), "security-window"),
    ).toEqual({ id: "x" });
  });
});

describe("the weekdays calendar", () => {
  const calendar = weekdaysCalendar("Europe/Berlin");

  it("counts working days Monday to Friday", () => {
    expect(calendar.addWorkingDays(new Date("2026-03-05T10:00:00Z"), 2).toISOString()).toBe(
      "2026-03-09T10:00:00.000Z",
    );
  });

  it("skips weekends when adding working time", () => {
    // Friday 22:00 Berlin + 4h: two hours on Friday, two more from Monday 00:00 Berlin (Sunday 23:00Z).
    expect(
      calendar.addWorkingTime(new Date("2026-03-06T21:00:00Z"), 4 * 3_600_000).toISOString(),
    ).toBe("2026-03-09T01:00:00.000Z");
  });
});

describe("SLA calendars in tracking", () => {
  const parsed = parseConfigText(
    "sla:\n  calendars:\n    office:\n      timezone: Europe/Berlin\n      hours:\n        weekdays: '09:00-17:00'\n      holidays: ['2026-03-10']\n",
  );
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const office = slaCalendars(parsed.config.sla)("office")!;

  it("working days skip weekends and holidays and keep the wall-clock time", () => {
    // Friday 16:00 Berlin + 2 working days: Monday, then Wednesday (Tuesday is a holiday).
    expect(office.addWorkingDays(new Date("2026-03-06T15:00:00Z"), 2).toISOString()).toBe(
      "2026-03-11T15:00:00.000Z",
    );
  });

  it("working time counts only office hours", () => {
    // Friday 16:00 Berlin + 3h: one hour on Friday, two on Monday from 09:00.
    expect(
      office.addWorkingTime(new Date("2026-03-06T15:00:00Z"), 3 * 3_600_000).toISOString(),
    ).toBe("2026-03-09T10:00:00.000Z");
  });

  it("names only the calendars the SLA section defines", () => {
    expect(slaCalendars(parsed.config.sla)("nope")).toBeUndefined();
  });
});

it("calendars the SLA capability built (with ICS holidays) can be passed in as they are", () => {
  const parsed = parseConfigText(
    "sla:\n  calendars:\n    office:\n      timezone: UTC\n      hours:\n        weekdays: '09:00-17:00'\n",
  );
  if (!parsed.ok) throw new Error("config");
  const withIcs = buildCalendar("office", parsed.config.sla.calendars.office!, ["2026-03-09"]);
  const office = resolverFrom(new Map([["office", withIcs]]))("office")!;
  // Friday + 1 working day, Monday being an ICS holiday: Tuesday.
  expect(office.addWorkingDays(new Date("2026-03-06T10:00:00Z"), 1).toISOString()).toBe(
    "2026-03-10T10:00:00.000Z",
  );
});
