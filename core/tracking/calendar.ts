// Working-time arithmetic for tracking deadlines. The SLA capability owns the full calendars
// (working hours, holidays); tracking asks only these two questions, so faces can pass either
// the built-in calendars below or an adapter over an SLA calendar.
import { DateTime } from "luxon";

export interface WorkCalendar {
  /** The instant `ms` of working time after `start`. */
  addWorkingTime(start: Date, ms: number): Date;
  /** The same local time `days` working days after `start` (moved off non-working days). */
  addWorkingDays(start: Date, days: number): Date;
}

/** Looks up a calendar by the name used in config; undefined when it is unknown. */
export type CalendarResolver = (name: string) => WorkCalendar | undefined;

export const alwaysOpen: WorkCalendar = {
  addWorkingTime: (start, ms) => new Date(start.getTime() + ms),
  addWorkingDays: (start, days) => new Date(start.getTime() + days * 86_400_000),
};

/** Monday to Friday, all day, in `zone`; weekends do not count. */
export function weekdaysCalendar(zone: string): WorkCalendar {
  const isWorkday = (at: DateTime) => at.weekday <= 5;
  return {
    addWorkingTime(start, ms) {
      let cursor = DateTime.fromJSDate(start, { zone });
      let left = ms;
      while (left > 0) {
        const dayEnd = cursor.startOf("day").plus({ days: 1 });
        if (!isWorkday(cursor)) {
          cursor = dayEnd;
          continue;
        }
        const available = dayEnd.toMillis() - cursor.toMillis();
        if (available >= left) return new Date(cursor.toMillis() + left);
        left -= available;
        cursor = dayEnd;
      }
      return cursor.toJSDate();
    },
    addWorkingDays(start, days) {
      let cursor = DateTime.fromJSDate(start, { zone });
      while (!isWorkday(cursor)) cursor = cursor.plus({ days: 1 });
      for (let counted = 0; counted < days; ) {
        cursor = cursor.plus({ days: 1 });
        if (isWorkday(cursor)) counted += 1;
      }
      return cursor.toJSDate();
    },
  };
}

/** The calendars every repository has, whatever its SLA section defines. */
export function builtInCalendars(zone: string): CalendarResolver {
  return (name) => {
    if (name === "24x7") return alwaysOpen;
    if (name === "weekdays") return weekdaysCalendar(zone);
    return undefined;
  };
}
