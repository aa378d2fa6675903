// Holiday dates from an iCalendar (.ics) file, as exported by Google/Outlook holiday calendars.
// Each VEVENT's DTSTART date is a holiday; an all-day event with a later DTEND covers every day up
// to (not including) DTEND, as RFC 5545 defines. Recurrence rules are not expanded.
import { DateTime } from "luxon";

export interface IcsHolidays {
  dates: string[];
  /** Problems located by 1-based line, for a config error that names the file. */
  problems: { line: number; message: string }[];
}

interface ContentLine {
  line: number;
  name: string;
  params: string;
  value: string;
}

/** RFC 5545 folds long lines: a line starting with a space or tab continues the previous one. */
function unfold(text: string): ContentLine[] {
  const lines: ContentLine[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const last = lines[lines.length - 1];
    if ((raw.startsWith(" ") || raw.startsWith("\t")) && last) {
      last.value += raw.slice(1);
      return;
    }
    if (raw.trim() === "") return;
    const colon = raw.indexOf(":");
    if (colon < 0) {
      lines.push({ line: index + 1, name: raw.trim().toUpperCase(), params: "", value: "" });
      return;
    }
    const head = raw.slice(0, colon);
    const semicolon = head.indexOf(";");
    lines.push({
      line: index + 1,
      name: (semicolon < 0 ? head : head.slice(0, semicolon)).trim().toUpperCase(),
      params: semicolon < 0 ? "" : head.slice(semicolon + 1),
      value: raw.slice(colon + 1).trim(),
    });
  });
  return lines;
}

const DATE_VALUE = /^(\d{4})(\d{2})(\d{2})(T\d{6}Z?)?$/;

function dateOf(value: string): DateTime | undefined {
  const match = DATE_VALUE.exec(value);
  if (!match) return undefined;
  const date = DateTime.fromObject(
    { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) },
    { zone: "UTC" },
  );
  return date.isValid ? date : undefined;
}

export function parseIcsHolidays(text: string): IcsHolidays {
  const dates = new Set<string>();
  const problems: IcsHolidays["problems"] = [];
  let event: { line: number; start?: ContentLine; end?: ContentLine } | undefined;
  for (const entry of unfold(text)) {
    if (entry.name === "BEGIN" && entry.value.toUpperCase() === "VEVENT") {
      event = { line: entry.line };
    } else if (event && entry.name === "DTSTART") {
      event.start = entry;
    } else if (event && entry.name === "DTEND") {
      event.end = entry;
    } else if (event && entry.name === "END" && entry.value.toUpperCase() === "VEVENT") {
      addEventDates(event, dates, problems);
      event = undefined;
    }
  }
  return { dates: [...dates].sort(), problems };
}

function addEventDates(
  event: { line: number; start?: ContentLine; end?: ContentLine },
  dates: Set<string>,
  problems: IcsHolidays["problems"],
): void {
  if (!event.start) {
    problems.push({ line: event.line, message: "VEVENT without DTSTART" });
    return;
  }
  const start = dateOf(event.start.value);
  if (!start) {
    problems.push({
      line: event.start.line,
      message: `DTSTART "${event.start.value}" is not a date (YYYYMMDD or YYYYMMDDTHHMMSS)`,
    });
    return;
  }
  dates.add(start.toISODate()!);
  const allDay = event.end && !event.end.value.includes("T");
  const end = allDay ? dateOf(event.end!.value) : undefined;
  // A year-long "holiday" is a broken export, not a plan; cap the span.
  for (let day = start.plus({ days: 1 }), count = 0; end && day < end && count < 366; count++) {
    dates.add(day.toISODate()!);
    day = day.plus({ days: 1 });
  }
}
