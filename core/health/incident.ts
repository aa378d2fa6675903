// What to do with a probe's incident issue after a check: open, escalate, close, or leave it.
// One incident issue per probe, found by its hidden marker; flapping keeps the same issue open.
import type { Severity } from "../config/fields.ts";
import type { HealthConfig, ProbeConfig } from "./config.ts";
import type { ProbeVerdict } from "./evaluate.ts";
import { trailingRun } from "./evaluate.ts";
import type { ProbeHistory } from "./history.ts";
import { redactUrl } from "./redact.ts";

export interface IncidentIssue {
  number: number;
  state: "open" | "closed";
  closedAt: string | null;
  /** The severity label currently on the issue, if any. */
  severity?: Severity;
}

export type IncidentAction =
  | { kind: "none" }
  | { kind: "open"; severity: Severity; title: string; body: string }
  | { kind: "reopen"; number: number; severity: Severity; comment: string }
  | { kind: "escalate"; number: number; severity: Severity; comment: string }
  | { kind: "close"; number: number; comment: string; downtimeMs: number };

/** A probe that fails again this soon after recovering reopens its last incident instead of a new one. */
export const REOPEN_WITHIN_MS = 3_600_000;

export function incidentMarker(probe: string): string {
  return `<!-- upkeep:health-incident probe=${probe} -->`;
}

export function planIncident(input: {
  probe: ProbeConfig;
  verdict: ProbeVerdict;
  history: ProbeHistory;
  incident?: IncidentIssue;
  config: HealthConfig;
  now: number;
}): IncidentAction {
  const { probe, verdict, history, incident, config, now } = input;
  const failing = verdict.status !== "up";
  const severity = verdict.status === "down" ? config.severity.down : config.severity.degraded;
  const isOpen = incident?.state === "open";

  if (failing && !isOpen) {
    const closedRecently =
      incident?.closedAt && now - Date.parse(incident.closedAt) < REOPEN_WITHIN_MS;
    if (incident && closedRecently) {
      return {
        kind: "reopen",
        number: incident.number,
        severity,
        comment: `**${probe.name}** is ${verdict.status} again: ${verdict.reason}.`,
      };
    }
    return {
      kind: "open",
      severity,
      title: `${probe.name} is ${verdict.status}`,
      body: incidentBody(probe, verdict, now),
    };
  }
  if (failing && incident && isOpen) {
    if (incident.severity !== severity && rank(severity) > rank(incident.severity)) {
      return {
        kind: "escalate",
        number: incident.number,
        severity,
        comment: `**${probe.name}** is now ${verdict.status}: ${verdict.reason}.`,
      };
    }
    return { kind: "none" };
  }
  if (!failing && incident && isOpen && trailingRun(history.samples, true) >= config.recoverAfter) {
    const downtimeMs = downtime(history);
    return {
      kind: "close",
      number: incident.number,
      downtimeMs,
      comment: `**${probe.name}** recovered: ${config.recoverAfter} good checks in a row.`,
    };
  }
  return { kind: "none" };
}

/** From the first failure of the last failing stretch to the first good check after it. */
export function downtime(history: ProbeHistory): number {
  const samples = history.samples;
  let end = samples.length - 1;
  while (end >= 0 && samples[end]?.ok) end--;
  if (end < 0) return 0;
  const recoveredAt = samples[end + 1]?.at ?? samples[end]!.at;
  let start = end;
  while (start > 0 && !samples[start - 1]?.ok) start--;
  return recoveredAt - samples[start]!.at;
}

function rank(severity: Severity | undefined): number {
  return severity === "critical" ? 3 : severity === "major" ? 2 : severity === "minor" ? 1 : 0;
}

function incidentBody(probe: ProbeConfig, verdict: ProbeVerdict, now: number): string {
  const target =
    (probe.http && redactUrl(probe.http.url)) ??
    (probe.tcp ? `${probe.tcp.host}:${probe.tcp.port}` : `${probe.tls?.host}:${probe.tls?.port}`);
  return [
    incidentMarker(probe.name),
    `Upkeep's health check found **${probe.name}** ${verdict.status} at ${new Date(now).toISOString()}.`,
    "",
    `- Target: \`${String(target).replace(/`/g, "")}\``,
    `- Why: ${verdict.reason}`,
    "",
    "This issue closes itself when the probe recovers. Severity, SLA clocks and the RCA follow Upkeep's usual flow.",
  ].join("\n");
}
