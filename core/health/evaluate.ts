// Decides a probe's status from its history and the thresholds: down, degraded or up.
import { parseDuration } from "../time/duration.ts";
import type { HealthConfig, ProbeConfig } from "./config.ts";
import type { ProbeHistory } from "./history.ts";
import { percentile } from "./stats.ts";

export type ProbeStatus = "up" | "degraded" | "down";

export interface ProbeVerdict {
  status: ProbeStatus;
  /** Why, in words for the incident issue ("3 failed checks in a row: status 503"). */
  reason: string;
}

export function evaluateProbe(
  probe: ProbeConfig,
  history: ProbeHistory,
  config: HealthConfig,
  now: number,
): ProbeVerdict {
  const samples = history.samples;
  const latest = samples.at(-1);
  if (!latest) return { status: "up", reason: "no checks yet" };

  const failedRun = trailingRun(samples, false);
  if (failedRun >= config.consecutiveFailures) {
    return {
      status: "down",
      reason: `${failedRun} failed checks in a row (latest: ${latest.error ?? "failed"})`,
    };
  }
  const windowMs = parseDuration(config.window) ?? 300_000;
  const inWindow = samples.filter((sample) => sample.at > now - windowMs);
  const failures = inWindow.filter((sample) => !sample.ok).length;
  // One failed check in a window of one is a blip, not an outage; the consecutive rule covers short runs.
  if (inWindow.length >= 2 && failures / inWindow.length > config.failureRatio) {
    const share = Math.round((failures / inWindow.length) * 100);
    return {
      status: "down",
      reason: `${share}% of checks failed over the last ${config.window} (${failures} of ${inWindow.length})`,
    };
  }
  const budget = probe.latencyBudget ? parseDuration(probe.latencyBudget) : undefined;
  if (budget !== undefined) {
    const p95 = percentile(
      inWindow.filter((s) => s.ok).map((s) => s.latencyMs),
      0.95,
    );
    if (p95 !== undefined && p95 > budget) {
      return {
        status: "degraded",
        reason: `p95 latency ${Math.round(p95)} ms over the ${probe.latencyBudget} budget`,
      };
    }
  }
  if (!latest.ok)
    return {
      status: "up",
      reason: `last check failed (${latest.error ?? "failed"}), below thresholds`,
    };
  return { status: "up", reason: "checks pass" };
}

/** Length of the run of samples at the end whose `ok` equals `ok`. */
export function trailingRun(samples: { ok: boolean }[], ok: boolean): number {
  let count = 0;
  for (let index = samples.length - 1; index >= 0 && samples[index]?.ok === ok; index--) count++;
  return count;
}
