// When a recurring check-in last fell due: the latest occurrence at or before now.
import { CronExpressionParser } from "cron-parser";
import { DateTime } from "luxon";
import type { CheckinConfig } from "./config.ts";

/** The most recent occurrence at or before `now`, or undefined before the first one. */
export function latestOccurrence(
  checkin: CheckinConfig,
  now: Date,
  zone: string,
): Date | undefined {
  const start = DateTime.fromISO(checkin.start, { zone });
  if (now.getTime() < start.toMillis()) return undefined;
  if (checkin.cron) {
    const expression = CronExpressionParser.parse(checkin.cron, {
      currentDate: new Date(now.getTime() + 1),
      tz: zone,
    });
    const previous = expression.prev().toDate();
    return previous.getTime() >= start.toMillis() ? previous : undefined;
  }
  const [count, unit] = parseEvery(checkin.every as string);
  // Step from the anchor in calendar units, so "month" stays on the same day of the month across DST.
  const elapsed = DateTime.fromJSDate(now, { zone }).diff(start, unit).get(unit);
  const steps = Math.floor(elapsed / count);
  let occurrence = start.plus({ [unit]: steps * count });
  if (occurrence.toMillis() > now.getTime())
    occurrence = start.plus({ [unit]: (steps - 1) * count });
  return occurrence.toJSDate();
}

type Unit = "days" | "weeks" | "months" | "years";

function parseEvery(every: string): [number, Unit] {
  const match = every.match(/^(?:(\d+)\s+)?(day|week|month|year)s?$/) as RegExpMatchArray;
  return [Number(match[1] ?? 1), `${match[2]}s` as Unit];
}
