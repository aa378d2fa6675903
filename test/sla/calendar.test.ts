// Business-time arithmetic checked against the slowest possible truth: walking minute by minute
// and asking luxon whether each minute's local wall-clock time is working time.
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import {
  addBusinessMs,
  buildCalendar,
  businessMsBetween,
  type WorkCalendar,
} from "../../core/sla/calendar.ts";
import type { SlaCalendarConfig } from "../../core/sla/config.ts";
import { WEEKDAY_KEYS } from "../../core/sla/hours.ts";
import { seededRandom } from "./random.ts";

const MINUTE = 60_000;

// Offsets of these zones change only on whole UTC hours, so one luxon lookup per UTC hour is exact.
interface LocalHour {
  minuteOfDay: number;
  date: string;
  weekday: number;
  nextDate: string;
  nextWeekday: number;
}
const hours = new Map<string, LocalHour>();

function localHour(zone: string, hour: number): LocalHour {
  const key = `${zone}@${hour}`;
  let info = hours.get(key);
  if (!info) {
    const local = DateTime.fromMillis(hour, { zone });
    const next = local.plus({ days: 1 });
    info = {
      minuteOfDay: local.hour * 60 + local.minute,
      date: local.toISODate()!,
      weekday: local.weekday,
      nextDate: next.toISODate()!,
      nextWeekday: next.weekday,
    };
    hours.set(key, info);
  }
  return info;
}

function isWorkingMinute(calendar: WorkCalendar, at: number): boolean {
  const info = localHour(calendar.zone, at - (at % 3_600_000));
  let minute = info.minuteOfDay + (at % 3_600_000) / MINUTE;
  let date = info.date;
  let weekday = info.weekday;
  if (minute >= 1440) {
    minute -= 1440;
    date = info.nextDate;
    weekday = info.nextWeekday;
  }
  if (calendar.holidays.has(date)) return false;
  return (calendar.week[weekday - 1] ?? []).some(
    (span) => minute >= span.start && minute < span.end,
  );
}

function referenceBetween(calendar: WorkCalendar, from: number, to: number): number {
  let total = 0;
  for (let at = from; at < to; at += MINUTE) if (isWorkingMinute(calendar, at)) total += MINUTE;
  return total;
}

function referenceAdd(calendar: WorkCalendar, from: number, amount: number): number {
  let left = amount;
  for (let at = from; ; at += MINUTE) {
    if (isWorkingMinute(calendar, at)) left -= MINUTE;
    if (left <= 0) return at + MINUTE;
  }
}

/** A boundary people would write; never strictly inside a DST-shifted hour (01:00-03:00), where a wall time is ambiguous. */
function randomBoundary(random: () => number): number {
  for (;;) {
    const minute = Math.floor(random() * 97) * 15;
    const hour = Math.floor(minute / 60);
    if (minute <= 1440 && !((hour === 1 || hour === 2) && minute % 60 !== 0)) return minute;
  }
}

function randomCalendar(random: () => number, zone: string): WorkCalendar {
  const hours: SlaCalendarConfig["hours"] = {};
  for (const day of WEEKDAY_KEYS) {
    if (random() < 0.25) continue;
    const spans: string[] = [];
    let from = 0;
    for (let count = Math.floor(random() * 3) + 1; count > 0; count--) {
      const a = Math.max(from, randomBoundary(random));
      const b = Math.max(a, randomBoundary(random));
      if (b > a) spans.push(`${clock(a)}-${clock(b)}`);
      from = b;
    }
    hours[day] = spans;
  }
  const holidays = Array.from(
    { length: 3 },
    () =>
      DateTime.fromObject({ year: 2026, month: 1, day: 1 }, { zone })
        .plus({ days: Math.floor(random() * 365) })
        .toISODate()!,
  );
  return buildCalendar("random", { timezone: zone, hours, holidays });
}

function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

// Starts near the 2026 DST changes of each zone, so most intervals cross one.
const ZONES: Record<string, string[]> = {
  "Europe/Berlin": ["2026-03-27T00:00:00Z", "2026-10-23T00:00:00Z"],
  "America/New_York": ["2026-03-06T00:00:00Z", "2026-10-30T00:00:00Z"],
  "Australia/Lord_Howe": ["2026-04-01T00:00:00Z", "2026-10-01T00:00:00Z"],
};

describe("business time over random calendars equals a minute-by-minute walk", () => {
  for (const [zone, anchors] of Object.entries(ZONES)) {
    it(`businessMsBetween and addBusinessMs agree with the walk in ${zone} across DST`, () => {
      const random = seededRandom(zone.length * 7919);
      for (let round = 0; round < 60; round++) {
        const calendar = randomCalendar(random, zone);
        const anchor = Date.parse(anchors[round % anchors.length]!);
        const from = anchor + Math.floor(random() * 6 * 1440) * MINUTE;
        const to = from + Math.floor(random() * 9 * 1440) * MINUTE;
        const context = `${zone} round ${round} from ${new Date(from).toISOString()}`;
        expect(businessMsBetween(calendar, from, to), context).toBe(
          referenceBetween(calendar, from, to),
        );
        const working = referenceBetween(calendar, from, from + 14 * 1440 * MINUTE);
        if (working === 0) continue;
        const amount = (Math.floor(random() * (working / MINUTE)) + 1) * MINUTE;
        expect(addBusinessMs(calendar, from, amount), context).toBe(
          referenceAdd(calendar, from, amount),
        );
      }
    });
  }
});

describe("business time on fixed calendars", () => {
  const berlin = buildCalendar("office", {
    timezone: "Europe/Berlin",
    hours: { weekdays: "09:00-17:00" },
    holidays: ["2026-12-25"],
  });

  it("a day across the spring DST change has 23 hours of 24x7 local time", () => {
    const allDay = buildCalendar("all", {
      timezone: "Europe/Berlin",
      hours: { mon: "00:00-24:00", sun: "00:00-24:00" },
      holidays: [],
    });
    const sunday = Date.parse("2026-03-28T23:00:00Z"); // Berlin midnight, Sunday 29 March
    expect(businessMsBetween(allDay, sunday, sunday + 48 * 3_600_000)).toBe(47 * 3_600_000);
  });

  it("working hours stay at local 09:00 after the autumn change", () => {
    // Friday 23 Oct 16:00 CEST (14:00Z) + 2h of work = Monday 26 Oct 10:00 CET (09:00Z)
    const due = addBusinessMs(berlin, Date.parse("2026-10-23T14:00:00Z"), 2 * 3_600_000);
    expect(new Date(due!).toISOString()).toBe("2026-10-26T09:00:00.000Z");
  });

  it("a holiday adds no working time and pushes a deadline past it", () => {
    const christmasEve = Date.parse("2026-12-24T15:00:00Z"); // Thu 16:00 Berlin
    expect(businessMsBetween(berlin, christmasEve, Date.parse("2026-12-26T00:00:00Z"))).toBe(
      3_600_000,
    );
    const due = addBusinessMs(berlin, christmasEve, 2 * 3_600_000);
    // One hour on the 24th, nothing on Fri 25th (holiday) or the weekend: Monday 28th 10:00.
    expect(new Date(due!).toISOString()).toBe("2026-12-28T09:00:00.000Z");
  });

  it("time outside working hours counts nothing", () => {
    const saturday = Date.parse("2026-11-07T08:00:00Z");
    expect(businessMsBetween(berlin, saturday, saturday + 24 * 3_600_000)).toBe(0);
  });
});

describe("weekly hours", () => {
  it("a named day overrides its group, and an empty day has no hours", () => {
    const calendar = buildCalendar("short-friday", {
      timezone: "UTC",
      hours: { weekdays: "09:00-17:00", fri: "09:00-13:00", wed: "" },
      holidays: [],
    });
    const day = (iso: string) =>
      businessMsBetween(calendar, Date.parse(`${iso}T00:00:00Z`), Date.parse(`${iso}T23:59:59Z`));
    expect([day("2026-11-23"), day("2026-11-25"), day("2026-11-27"), day("2026-11-28")]).toEqual([
      8 * 3_600_000,
      0,
      4 * 3_600_000,
      0,
    ]);
  });
});
