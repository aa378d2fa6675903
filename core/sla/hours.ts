// Working hours as written in config ("09:00-17:00", "09:00-12:00, 13:00-17:00") turned into
// minute spans per weekday, with the mistakes people make (overlaps, reversed spans) named.

export const WEEKDAY_KEYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type WeekdayKey = (typeof WEEKDAY_KEYS)[number];

/** Minutes since local midnight; `end` may be 1440 ("24:00"). */
export interface MinuteSpan {
  start: number;
  end: number;
}

export type HoursResult = { ok: true; spans: MinuteSpan[] } | { ok: false; error: string };

const SPAN_PATTERN = /^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/;

export function isKnownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function parseHoursText(value: string | string[]): HoursResult {
  const parts = (Array.isArray(value) ? value : [value])
    .flatMap((text) => text.split(","))
    .map((text) => text.trim())
    .filter((text) => text !== "");
  const spans: MinuteSpan[] = [];
  for (const part of parts) {
    const span = parseSpan(part);
    if (typeof span === "string") return { ok: false, error: span };
    spans.push(span);
  }
  spans.sort((a, b) => a.start - b.start);
  for (let index = 1; index < spans.length; index++) {
    const before = spans[index - 1]!;
    const span = spans[index]!;
    if (span.start < before.end) {
      return {
        ok: false,
        error: `overlapping hours ${formatSpan(before)} and ${formatSpan(span)}`,
      };
    }
  }
  return { ok: true, spans };
}

function parseSpan(text: string): MinuteSpan | string {
  const match = SPAN_PATTERN.exec(text);
  if (!match)
    return `"${text}" is not a span of hours; expected "HH:MM-HH:MM" such as "09:00-17:00"`;
  const [startHour, startMinute, endHour, endMinute] = match.slice(1).map(Number) as number[];
  const start = startHour! * 60 + startMinute!;
  const end = endHour! * 60 + endMinute!;
  if (startMinute! > 59 || endMinute! > 59 || start > 1440 || end > 1440) {
    return `"${text}" has a time outside 00:00-24:00`;
  }
  if (end <= start) return `"${text}" ends before it starts`;
  return { start, end };
}

export function formatSpan(span: MinuteSpan): string {
  return `${clockText(span.start)}-${clockText(span.end)}`;
}

function clockText(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/**
 * Spans for each weekday (index 0 = Monday). Named days override the `weekdays` / `weekend` groups,
 * so "weekdays: 09-17, fri: 09-13" reads as people mean it. Input must already be valid.
 */
export function weeklySpans(
  hours: Partial<Record<WeekdayKey | "weekdays" | "weekend", string | string[]>>,
): MinuteSpan[][] {
  return WEEKDAY_KEYS.map((day, index) => {
    const group = index < 5 ? hours.weekdays : hours.weekend;
    const value = hours[day] ?? group ?? "";
    const parsed = parseHoursText(value);
    return parsed.ok ? parsed.spans : [];
  });
}
