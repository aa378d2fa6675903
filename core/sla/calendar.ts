// Business-time arithmetic over a working calendar: how much working time lies between two
// instants, and when a given amount of working time will have passed. Days are walked in the
// calendar's own zone, so DST days have 23 or 25 hours and working hours stay at local 09:00.
import { DateTime } from "luxon";
import type { SlaCalendarConfig } from "./config.ts";
import { type MinuteSpan, weeklySpans } from "./hours.ts";

export interface WorkCalendar {
  name: string;
  /** True for 24x7: every instant is working time. */
  always: boolean;
  zone: string;
  /** Working spans per weekday, index 0 = Monday. */
  week: MinuteSpan[][];
  /** ISO dates (in `zone`) without working time. */
  holidays: ReadonlySet<string>;
  /** Working intervals (epoch ms) per local date, filled as days are visited. */
  dayCache: Map<string, [number, number][]>;
}

export const ALWAYS_CALENDAR: WorkCalendar = {
  name: "24x7",
  always: true,
  zone: "UTC",
  week: [],
  holidays: new Set(),
  dayCache: new Map(),
};

/** A calendar from its (validated) config; `extraHolidays` come from its ICS file. */
export function buildCalendar(
  name: string,
  config: SlaCalendarConfig,
  extraHolidays: string[] = [],
): WorkCalendar {
  return {
    name,
    always: false,
    zone: config.timezone,
    week: weeklySpans(config.hours),
    holidays: new Set([...config.holidays, ...extraHolidays]),
    dayCache: new Map(),
  };
}

/** Give up looking for working time after ten years: the calendar has none left. */
const MAX_DAYS = 3660;

function startOfLocalDay(calendar: WorkCalendar, at: number): DateTime {
  return DateTime.fromMillis(at, { zone: calendar.zone }).startOf("day");
}

/** Working intervals of one local day, in epoch ms, in order. */
function dayIntervals(calendar: WorkCalendar, day: DateTime): [number, number][] {
  const key = day.toISODate()!;
  const cached = calendar.dayCache.get(key);
  if (cached) return cached;
  const spans = calendar.holidays.has(key) ? [] : (calendar.week[day.weekday - 1] ?? []);
  const intervals = spans
    .map((span): [number, number] => [localInstant(day, span.start), localInstant(day, span.end)])
    .filter(([start, end]) => end > start);
  calendar.dayCache.set(key, intervals);
  return intervals;
}

/** The instant of a local wall-clock minute; a minute skipped by DST moves forward, like luxon. */
function localInstant(day: DateTime, minuteOfDay: number): number {
  if (minuteOfDay >= 1440) return day.plus({ days: 1 }).startOf("day").toMillis();
  return day.set({ hour: Math.floor(minuteOfDay / 60), minute: minuteOfDay % 60 }).toMillis();
}

/** Working time (ms) between two instants; zero when `to` is not after `from`. */
export function businessMsBetween(calendar: WorkCalendar, from: number, to: number): number {
  if (to <= from) return 0;
  if (calendar.always) return to - from;
  let total = 0;
  let day = startOfLocalDay(calendar, from);
  while (day.toMillis() < to) {
    for (const [start, end] of dayIntervals(calendar, day)) {
      total += Math.max(0, Math.min(end, to) - Math.max(start, from));
    }
    day = day.plus({ days: 1 });
  }
  return total;
}

/**
 * The instant at which `amount` ms of working time have passed since `from`, or undefined when the
 * calendar has no working time left within ten years.
 */
export function addBusinessMs(
  calendar: WorkCalendar,
  from: number,
  amount: number,
): number | undefined {
  if (amount <= 0) return from;
  if (calendar.always) return from + amount;
  let remaining = amount;
  let day = startOfLocalDay(calendar, from);
  for (let count = 0; count < MAX_DAYS; count++) {
    for (const [start, end] of dayIntervals(calendar, day)) {
      const begin = Math.max(start, from);
      if (end <= begin) continue;
      if (remaining <= end - begin) return begin + remaining;
      remaining -= end - begin;
    }
    day = day.plus({ days: 1 });
  }
  return undefined;
}

/** Whether an instant is inside working time (for showing "outside business hours"). */
export function isWorkingTime(calendar: WorkCalendar, at: number): boolean {
  if (calendar.always) return true;
  return dayIntervals(calendar, startOfLocalDay(calendar, at)).some(
    ([start, end]) => at >= start && at < end,
  );
}
