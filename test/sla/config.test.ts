// Mistakes in the `sla` section get errors that name the key and the line.
import { describe, expect, it } from "vitest";
import { formatConfigProblem } from "../../core/config/errors.ts";
import { parseConfigText } from "../../core/config/parse.ts";
import { buildCalendars } from "../../core/sla/policy.ts";

function problems(yaml: string): string[] {
  const result = parseConfigText(yaml);
  return result.ok ? [] : result.problems.map(formatConfigProblem);
}

describe("sla config errors", () => {
  it("an unknown time zone names the calendar's timezone key and line", () => {
    const yaml =
      "sla:\n  calendars:\n    office:\n      timezone: Europe/Berlinn\n      hours: { weekdays: 09:00-17:00 }\n";
    expect(problems(yaml)).toEqual([
      '.github/upkeep.yml:4:17 at sla.calendars.office.timezone: unknown time zone "Europe/Berlinn"; expected an IANA name such as "Europe/Berlin"',
    ]);
  });

  it("overlapping working hours are rejected with both spans named", () => {
    const yaml =
      'sla:\n  calendars:\n    office:\n      timezone: UTC\n      hours:\n        mon: ["09:00-12:00", "11:00-17:00"]\n';
    expect(problems(yaml)).toEqual([
      ".github/upkeep.yml:6:14 at sla.calendars.office.hours.mon: overlapping hours 09:00-12:00 and 11:00-17:00",
    ]);
  });

  it("malformed and reversed hours, a calendar without hours, and an unknown calendar name", () => {
    const yaml = [
      "sla:",
      "  calendars:",
      "    a: { timezone: UTC, hours: { tue: 9-17 } }",
      "    b: { timezone: UTC, hours: { wed: 17:00-09:00 } }",
      "    c: { timezone: UTC, hours: {} }",
      "  goals:",
      "    major: { resolution: 1d, calendar: offfice }",
      "",
    ].join("\n");
    const found = problems(yaml);
    expect(found).toContainEqual(
      expect.stringMatching(/sla\.calendars\.a\.hours\.tue: "9-17" is not a span of hours/),
    );
    expect(found).toContainEqual(
      expect.stringMatching(/sla\.calendars\.b\.hours\.wed: "17:00-09:00" ends before it starts/),
    );
    expect(found).toContainEqual(
      expect.stringMatching(/sla\.calendars\.c\.hours: a calendar needs working hours/),
    );
    expect(found).toContainEqual(
      expect.stringMatching(/:7:\d+ at sla\.goals\.major\.calendar: unknown calendar "offfice"/),
    );
  });

  it("bad durations and escalation targets are named", () => {
    const yaml =
      "sla:\n  goals:\n    critical: { response: 1 hour }\n  escalation:\n    - notify: ['hey there']\n";
    const found = problems(yaml);
    expect(found).toContainEqual(
      expect.stringMatching(/:3:\d+ at sla\.goals\.critical\.response: expected a duration/),
    );
    expect(found).toContainEqual(
      expect.stringMatching(/:5:\d+ at sla\.escalation\.0\.notify\.0: expected "assignees"/),
    );
  });

  it("a missing holidays file and a broken ICS entry are reported with their paths and lines", () => {
    const result = parseConfigText(
      "sla:\n  calendars:\n    office: { timezone: UTC, hours: { weekdays: 09:00-17:00 }, holidaysIcs: .github/holidays.ics }\n",
    );
    if (!result.ok) throw new Error("config should be valid");
    expect(buildCalendars(result.config.sla, {}).problems.map(formatConfigProblem)).toEqual([
      '.github/upkeep.yml at sla.calendars.office.holidaysIcs: file ".github/holidays.ics" does not exist',
    ]);
    const ics = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:tomorrow\nEND:VEVENT\nEND:VCALENDAR\n";
    expect(
      buildCalendars(result.config.sla, { ".github/holidays.ics": ics }).problems.map(
        formatConfigProblem,
      ),
    ).toEqual([
      '.github/holidays.ics:3:1: DTSTART "tomorrow" is not a date (YYYYMMDD or YYYYMMDDTHHMMSS)',
    ]);
  });

  it("no file means the maintenance plan's defaults", () => {
    const result = parseConfigText("");
    if (!result.ok) throw new Error("empty config should be valid");
    expect(result.config.sla.goals).toEqual({
      critical: { response: "1h", resolution: "4h" },
      major: { response: "4h", resolution: "24h" },
      minor: { response: "3d", resolution: "30d" },
    });
    expect(result.config.sla.calendar).toBe("24x7");
  });
});
