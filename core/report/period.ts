// Report periods: a calendar month or quarter in the repository's time zone, named or relative.
import { DateTime } from "luxon";

export interface Period {
  /** Stable key used in the report issue's marker: "2026-Q3", "2026-10", or "2026-07-01..2026-09-30". */
  key: string;
  label: string;
  start: number;
  /** Exclusive end. */
  end: number;
}

export type PeriodResult = { ok: true; period: Period } | { ok: false; error: string };

export function resolvePeriod(spec: string, now: Date, zone: string, to?: string): PeriodResult {
  const today = DateTime.fromJSDate(now, { zone });
  if (to !== undefined) return range(spec, to, zone);
  if (spec === "month") return ok(month(today.startOf("month")));
  if (spec === "last-month") return ok(month(today.startOf("month").minus({ months: 1 })));
  if (spec === "quarter") return ok(quarter(today.startOf("quarter")));
  if (spec === "last-quarter") return ok(quarter(today.startOf("quarter").minus({ quarters: 1 })));
  const monthMatch = spec.match(/^(\d{4})-(0[1-9]|1[0-2])$/);
  if (monthMatch)
    return ok(
      month(DateTime.fromObject({ year: +monthMatch[1]!, month: +monthMatch[2]! }, { zone })),
    );
  const quarterMatch = spec.match(/^(\d{4})-Q([1-4])$/);
  if (quarterMatch) {
    return ok(
      quarter(
        DateTime.fromObject(
          { year: +quarterMatch[1]!, month: (+quarterMatch[2]! - 1) * 3 + 1 },
          { zone },
        ),
      ),
    );
  }
  return {
    ok: false,
    error: `unknown period "${spec}"; expected month, quarter, last-month, last-quarter, YYYY-MM, YYYY-Qn, or --from/--to dates`,
  };
}

function ok(period: Period): PeriodResult {
  return { ok: true, period };
}

function month(start: DateTime): Period {
  return {
    key: start.toFormat("yyyy-MM"),
    label: start.toFormat("LLLL yyyy"),
    start: start.toMillis(),
    end: start.plus({ months: 1 }).toMillis(),
  };
}

function quarter(start: DateTime): Period {
  const key = `${start.year}-Q${start.quarter}`;
  return {
    key,
    label: `Q${start.quarter} ${start.year}`,
    start: start.toMillis(),
    end: start.plus({ quarters: 1 }).toMillis(),
  };
}

function range(from: string, to: string, zone: string): PeriodResult {
  const start = DateTime.fromISO(from, { zone });
  const last = DateTime.fromISO(to, { zone });
  if (!start.isValid || !last.isValid)
    return {
      ok: false,
      error: `expected --from and --to as dates such as 2026-07-01 (got "${from}", "${to}")`,
    };
  if (last < start) return { ok: false, error: `--to (${to}) is before --from (${from})` };
  const end = last.startOf("day").plus({ days: 1 });
  return ok({
    key: `${start.toISODate()}..${last.toISODate()}`,
    label: `${start.toISODate()} to ${last.toISODate()}`,
    start: start.toMillis(),
    end: end.toMillis(),
  });
}

export function inPeriod(at: number | null | undefined, period: Period): boolean {
  return at !== null && at !== undefined && at >= period.start && at < period.end;
}
