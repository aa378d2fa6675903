// The status issue: one per repository, a table people read and a hidden marker holding every
// probe's bounded history, so the next scheduled run continues where this one stopped.
import { formatDuration } from "../time/duration.ts";
import type { ProbeStatus } from "./evaluate.ts";
import { decodeHistory, encodeHistory, type ProbeHistory } from "./history.ts";
import { formatPercent, latency, uptime } from "./stats.ts";

const MARKER_START = "<!-- upkeep:health-status v1";
const MARKER_END = "-->";
const DAY = 86_400_000;

export interface ProbeState {
  name: string;
  status: ProbeStatus;
  reason: string;
  history: ProbeHistory;
  /** Set by TLS probes: when the certificate expires. */
  certificateExpiresAt?: string;
}

/** Reads every probe's history from a status issue body; a missing or damaged marker gives none. */
export function readStatusMarker(body: string): Map<string, ProbeHistory> {
  const histories = new Map<string, ProbeHistory>();
  const start = body.indexOf(MARKER_START);
  if (start < 0) return histories;
  const end = body.indexOf(MARKER_END, start);
  if (end < 0) return histories;
  for (const line of body.slice(start + MARKER_START.length, end).split("\n")) {
    const match = line.match(/^([A-Za-z0-9._-]+)=(.*)$/);
    if (match) histories.set(match[1] as string, decodeHistory(match[2] as string));
  }
  return histories;
}

export function renderStatusBody(probes: ProbeState[], now: number): string {
  const rows = probes.map((probe) => {
    const figures = latency(probe.history, now, DAY);
    return [
      `\`${probe.name}\``,
      statusIcon(probe.status),
      formatPercent(uptime(probe.history, now, DAY)),
      formatPercent(uptime(probe.history, now, 7 * DAY)),
      formatPercent(uptime(probe.history, now, 30 * DAY)),
      figures.p50 === undefined ? "–" : `${Math.round(figures.p50)} ms`,
      figures.p95 === undefined ? "–" : `${Math.round(figures.p95)} ms`,
    ].join(" | ");
  });
  const marker = [
    MARKER_START,
    ...probes.map((probe) => `${probe.name}=${encodeHistory(probe.history)}`),
    MARKER_END,
  ];
  return [
    "Upkeep keeps this issue up to date on every health check run. Do not edit the hidden marker below.",
    "",
    "| Probe | Status | Uptime 24h | 7d | 30d | p50 | p95 |",
    "|---|---|---|---|---|---|---|",
    ...rows.map((row) => `| ${row} |`),
    "",
    ...probes
      .filter((probe) => probe.status !== "up")
      .map((probe) => `- \`${probe.name}\`: ${probe.reason}`),
    "",
    `_Last run: ${new Date(now).toISOString()}_`,
    "",
    marker.join("\n"),
  ].join("\n");
}

export function statusIcon(status: ProbeStatus): string {
  return status === "up" ? "🟢 up" : status === "degraded" ? "🟡 degraded" : "🔴 down";
}

/** A mermaid line chart of the last 24h of latency per probe, for the job summary. */
export function latencyChart(probes: ProbeState[], now: number, points = 24): string {
  const hours = Array.from(
    { length: points },
    (_, index) => now - (points - 1 - index) * 3_600_000,
  );
  const lines = probes.map((probe) => {
    const values = hours.map((hourEnd) => {
      const inHour = probe.history.samples.filter(
        (s) => s.ok && s.at > hourEnd - 3_600_000 && s.at <= hourEnd,
      );
      return inHour.length === 0
        ? 0
        : Math.round(inHour.reduce((sum, s) => sum + s.latencyMs, 0) / inHour.length);
    });
    return `    line [${values.join(", ")}]`;
  });
  const labels = hours.map((at) => `"${new Date(at).toISOString().slice(11, 13)}h"`);
  return [
    "```mermaid",
    "xychart-beta",
    `    title "Response time, last 24h (ms; ${probes.map((p) => p.name).join(", ")})"`,
    `    x-axis [${labels.join(", ")}]`,
    '    y-axis "ms"',
    ...lines,
    "```",
  ].join("\n");
}

export function describeDowntime(ms: number): string {
  return formatDuration(ms);
}
