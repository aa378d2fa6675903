// A probe's history across action runs, kept in the status issue's hidden marker (no server, no branch).
// Bounded: raw samples for the last 24 hours (at most MAX_RAW) and one bucket per day for 30 days,
// so the marker stays a few KB per probe however long Upkeep runs.

export interface Sample {
  /** Epoch milliseconds of the check. */
  at: number;
  ok: boolean;
  latencyMs: number;
  /** Short reason for a failed check ("status 503", "timeout"). */
  error?: string;
}

export interface DayBucket {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  checks: number;
  failures: number;
}

export interface ProbeHistory {
  samples: Sample[];
  days: DayBucket[];
}

export const MAX_RAW = 400;
const RAW_SPAN_MS = 24 * 3_600_000;
const DAYS_KEPT = 30;

export function emptyHistory(): ProbeHistory {
  return { samples: [], days: [] };
}

/** Adds a check: it counts in its day's bucket, and old raw samples and days fall off. */
export function recordSample(history: ProbeHistory, sample: Sample): ProbeHistory {
  const day = new Date(sample.at).toISOString().slice(0, 10);
  const days = history.days.filter((bucket) => bucket.day !== day);
  const today = history.days.find((bucket) => bucket.day === day) ?? {
    day,
    checks: 0,
    failures: 0,
  };
  days.push({ day, checks: today.checks + 1, failures: today.failures + (sample.ok ? 0 : 1) });
  days.sort((a, b) => a.day.localeCompare(b.day));
  const samples = [...history.samples, sample]
    .filter((kept) => kept.at > sample.at - RAW_SPAN_MS)
    .sort((a, b) => a.at - b.at)
    .slice(-MAX_RAW);
  return { samples, days: days.slice(-DAYS_KEPT) };
}

// Compact text form: "<at base36>.<latency base36>[.<error>]" per sample, "day:checks:failures" per day.
export function encodeHistory(history: ProbeHistory): string {
  const samples = history.samples.map((sample) => {
    const head = `${sample.at.toString(36)}.${Math.round(sample.latencyMs).toString(36)}`;
    return sample.ok ? head : `${head}.${encodeURIComponent(sample.error ?? "failed")}`;
  });
  const days = history.days.map((bucket) => `${bucket.day}:${bucket.checks}:${bucket.failures}`);
  return `${samples.join(" ")}|${days.join(" ")}`;
}

/** Undoes encodeHistory; anything unreadable (a hand-edited marker) is dropped, never thrown. */
export function decodeHistory(text: string): ProbeHistory {
  const [samplePart = "", dayPart = ""] = text.split("|");
  const samples: Sample[] = [];
  for (const token of samplePart.split(" ").filter(Boolean)) {
    const [at, latency, error] = token.split(".");
    const sample: Sample = {
      at: Number.parseInt(at ?? "", 36),
      ok: error === undefined,
      latencyMs: Number.parseInt(latency ?? "", 36),
    };
    if (error !== undefined) sample.error = safeDecode(error);
    if (Number.isFinite(sample.at) && Number.isFinite(sample.latencyMs)) samples.push(sample);
  }
  const days: DayBucket[] = [];
  for (const token of dayPart.split(" ").filter(Boolean)) {
    const [day, checks, failures] = token.split(":");
    if (/^\d{4}-\d{2}-\d{2}$/.test(day ?? "") && Number(checks) >= 0 && Number(failures) >= 0) {
      days.push({ day: day as string, checks: Number(checks), failures: Number(failures) });
    }
  }
  return { samples, days };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return "failed";
  }
}
