// Holidays from an .ics export count as days without working time.
import { describe, expect, it } from "vitest";
import { businessMsBetween } from "../../core/sla/calendar.ts";
import { parseIcsHolidays } from "../../core/sla/ics.ts";
import { buildCalendars } from "../../core/sla/policy.ts";
import { config } from "./snapshot.ts";

const ICS = [
  "BEGIN:VCALENDAR",
  "VERSION:2.0",
  "BEGIN:VEVENT",
  "DTSTART;VALUE=DATE:20261225",
  "DTEND;VALUE=DATE:20261227",
  "SUMMARY:Christmas",
  " Day and Boxing Day",
  "END:VEVENT",
  "BEGIN:VEVENT",
  "DTSTART;TZID=Europe/Berlin:20261231T000000",
  "SUMMARY:New Year's Eve",
  "END:VEVENT",
  "END:VCALENDAR",
  "",
].join("\r\n");

describe("ICS holidays", () => {
  it("reads all-day spans, date-times and folded lines", () => {
    expect(parseIcsHolidays(ICS)).toEqual({
      dates: ["2026-12-25", "2026-12-26", "2026-12-31"],
      problems: [],
    });
  });

  it("a calendar's ICS holidays remove their working hours", () => {
    const { sla } = config(
      "sla:\n  calendars:\n    office: { timezone: Europe/Berlin, hours: { weekdays: 09:00-17:00 }, holidaysIcs: h.ics }\n",
    );
    const office = buildCalendars(sla, { "h.ics": ICS }).calendars.get("office")!;
    const week = [Date.parse("2026-12-28T00:00:00Z"), Date.parse("2027-01-02T00:00:00Z")] as const;
    // Mon 28 – Fri 1 Jan: the 31st is a holiday, so four days of eight hours.
    expect(businessMsBetween(office, ...week)).toBe(5 * 8 * 3_600_000 - 8 * 3_600_000);
  });
});
