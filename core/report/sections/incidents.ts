// Incidents opened in the period (critical/major severity, or the incident label), time to restore,
// and downtime measured by the health checks' incident issues.
import type { Severity } from "../../config/fields.ts";
import { severityFromLabels } from "../../sla/policy.ts";
import { judgedAt, type ReportInput } from "../input.ts";
import { inPeriod } from "../period.ts";

export interface IncidentRow {
  number: number;
  title: string;
  severity: Severity | null;
  openedAt: string;
  closedAt: string | null;
  /** Open to close, or to the end of the period while still open. */
  durationMs: number;
}

export interface IncidentSection {
  bySeverity: Record<Severity, number>;
  total: number;
  /** Mean time to restore over incidents closed so far; null when none closed. */
  mttrMs: number | null;
  list: IncidentRow[];
  downtime: { probe: string; incidents: number; downtimeMs: number }[];
}

const HEALTH_MARKER = /<!-- upkeep:health-incident probe=([A-Za-z0-9._-]+) -->/;

export function incidentSection(input: ReportInput): IncidentSection {
  const at = judgedAt(input);
  const list: IncidentRow[] = [];
  const bySeverity: Record<Severity, number> = { critical: 0, major: 0, minor: 0 };
  const downtime = new Map<string, { incidents: number; downtimeMs: number }>();
  for (const { issue } of input.issues) {
    if (issue.isPullRequest) continue;
    const opened = Date.parse(issue.createdAt);
    const closed = issue.closedAt ? Date.parse(issue.closedAt) : null;
    const probe = issue.body.match(HEALTH_MARKER)?.[1];
    if (probe) {
      // Downtime is the part of the incident inside the period, whenever it started.
      const from = Math.max(opened, input.period.start);
      const to = Math.min(closed ?? at, input.period.end);
      if (to > from) {
        const entry = downtime.get(probe) ?? { incidents: 0, downtimeMs: 0 };
        downtime.set(probe, {
          incidents: entry.incidents + 1,
          downtimeMs: entry.downtimeMs + to - from,
        });
      }
    }
    const severity = severityFromLabels(issue.labels, input.config.triage);
    const labelled = issue.labels.some(
      (label) => label.toLowerCase() === input.config.report.incidentLabel.toLowerCase(),
    );
    const isIncident = labelled || severity === "critical" || severity === "major";
    if (!isIncident || !inPeriod(opened, input.period)) continue;
    if (severity) bySeverity[severity]++;
    list.push({
      number: issue.number,
      title: issue.title,
      severity,
      openedAt: issue.createdAt,
      closedAt: issue.closedAt,
      durationMs: (closed !== null && closed <= at ? closed : at) - opened,
    });
  }
  const restored = list.filter((row) => row.closedAt !== null && Date.parse(row.closedAt) <= at);
  return {
    bySeverity,
    total: list.length,
    mttrMs:
      restored.length === 0
        ? null
        : restored.reduce((sum, row) => sum + row.durationMs, 0) / restored.length,
    list: list.sort((a, b) => a.openedAt.localeCompare(b.openedAt)),
    downtime: [...downtime]
      .map(([probe, entry]) => ({ probe, ...entry }))
      .sort((a, b) => a.probe.localeCompare(b.probe)),
  };
}
