// Durations in config are short strings ("90m", "4h", "3d", "2w", "1d12h") so the file stays readable.

const UNIT_MS: Record<string, number> = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

const DURATION_PATTERN = /^(?:\d+[smhdw])+$/;

export const DURATION_HINT = 'a duration such as "30m", "4h", "3d", "2w" or "1d12h"';

/** Milliseconds in a duration string, or undefined when it is not one. */
export function parseDuration(text: string): number | undefined {
  const compact = text.trim();
  if (!DURATION_PATTERN.test(compact)) return undefined;
  let total = 0;
  for (const [, amount, unit] of compact.matchAll(/(\d+)([smhdw])/g)) {
    total += Number(amount) * UNIT_MS[unit as string]!;
  }
  return total;
}

/** The shortest readable form of a duration, largest units first ("1d 4h", "45m"). */
export function formatDuration(ms: number): string {
  const sign = ms < 0 ? "-" : "";
  let rest = Math.round(Math.abs(ms) / 60_000);
  const parts: string[] = [];
  for (const [unit, size] of [
    ["d", 1440],
    ["h", 60],
    ["m", 1],
  ] as const) {
    const amount = Math.floor(rest / size);
    rest -= amount * size;
    if (amount > 0) parts.push(`${amount}${unit}`);
  }
  return sign + (parts.length > 0 ? parts.join(" ") : "0m");
}
