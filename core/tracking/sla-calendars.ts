// The SLA section's named calendars (working hours, holidays) as tracking calendars, so an RCA
// due in "5 working days" and a patch window on "office-hours" count time the way SLAs do.

import { DateTime } from "luxon";
import {
  addBusinessMs,
  buildCalendar,
  businessMsBetween,
  type WorkCalendar as SlaCalendar,
} from "../sla/calendar.ts";
import type { SlaConfig } from "../sla/config.ts";
import type { CalendarResolver, WorkCalendar } from "./calendar.ts";

/** Ten years of days without working time means the calendar has none. */
const MAX_DAYS = 3660;

export function slaCalendars(sla: SlaConfig): CalendarResolver {
  const built = new Map<string, WorkCalendar>();
  return (name) => {
    const config = sla.calendars[name];
    if (!config) return undefined;
    let calendar = built.get(name);
    if (!calendar) {
      calendar = fromSlaCalendar(buildCalendar(name, config));
      built.set(name, calendar);
    }
    return calendar;
  };
}

/** Calendars the SLA capability already built (with ICS holidays), e.g. `SlaSettings.calendars`. */
export function resolverFrom(calendars: ReadonlyMap<string, SlaCalendar>): CalendarResolver {
  const adapted = new Map<string, WorkCalendar>();
  return (name) => {
    const calendar = calendars.get(name);
    if (!calendar) return undefined;
    if (!adapted.has(name)) adapted.set(name, fromSlaCalendar(calendar));
    return adapted.get(name);
  };
}

export function fromSlaCalendar(calendar: SlaCalendar): WorkCalendar {
  const hasWork = (day: DateTime) =>
    businessMsBetween(calendar, day.toMillis(), day.plus({ days: 1 }).toMillis()) > 0;
  return {
    addWorkingTime: (start, ms) =>
      new Date(addBusinessMs(calendar, start.getTime(), ms) ?? start.getTime() + ms),
    addWorkingDays(start, days) {
      const local = DateTime.fromJSDate(start, { zone: calendar.zone });
      let day = local.startOf("day");
      let counted = 0;
      for (let step = 0; counted < days && step < MAX_DAYS; step++) {
        day = day.plus({ days: 1 });
        if (hasWork(day)) counted += 1;
      }
      // The same wall-clock time on the day reached, like "5 working days from now".
      return day.set({ hour: local.hour, minute: local.minute, second: local.second }).toJSDate();
    },
  };
}
