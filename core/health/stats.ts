// Uptime and latency figures for the job summary, the status issue and the maintenance report.
import type { ProbeHistory } from "./history.ts";

export function percentile(values: number[], fraction: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  // Nearest-rank: the smallest value with at least `fraction` of the values at or below it.
  const rank = Math.max(1, Math.ceil(fraction * sorted.length));
  return sorted[rank - 1];
}

/** Share of successful checks within the last `spanMs`, from raw samples (24h) or day buckets (longer). */
export function uptime(history: ProbeHistory, now: number, spanMs: number): number | undefined {
  if (spanMs <= 24 * 3_600_000) {
    const recent = history.samples.filter((sample) => sample.at > now - spanMs);
    if (recent.length === 0) return undefined;
    return recent.filter((sample) => sample.ok).length / recent.length;
  }
  const firstDay = new Date(now - spanMs).toISOString().slice(0, 10);
  const days = history.days.filter((bucket) => bucket.day >= firstDay);
  const checks = days.reduce((sum, bucket) => sum + bucket.checks, 0);
  if (checks === 0) return undefined;
  return 1 - days.reduce((sum, bucket) => sum + bucket.failures, 0) / checks;
}

export interface LatencyFigures {
  p50?: number;
  p95?: number;
}

/** Latency of successful checks within the window; failures have no meaningful latency. */
export function latency(history: ProbeHistory, now: number, spanMs: number): LatencyFigures {
  const values = history.samples
    .filter((sample) => sample.ok && sample.at > now - spanMs)
    .map((sample) => sample.latencyMs);
  return { p50: percentile(values, 0.5), p95: percentile(values, 0.95) };
}

export function formatPercent(share: number | undefined): string {
  if (share === undefined) return "–";
  return `${(Math.floor(share * 10_000) / 100).toFixed(2)}%`;
}
