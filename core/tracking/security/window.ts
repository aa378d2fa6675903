// The patch window of a group of findings: its deadline and where "now" stands against it.
import type { FindingSeverity } from "../../config/fields.ts";
import { parseDuration } from "../../time/duration.ts";
import type { WorkCalendar } from "../calendar.ts";
import type { SecurityWindowsConfig } from "../config.ts";
import { type Finding, mostSevere } from "./finding.ts";

export type WindowStage = "on-track" | "at-risk" | "breached";

export interface PatchWindow {
  severity: FindingSeverity;
  startedAt: Date;
  windowMs: number;
  deadline: Date;
  atRiskAt: Date;
}

export function windowLength(severity: FindingSeverity, config: SecurityWindowsConfig): number {
  return parseDuration(config.windows[severity])!;
}

/** The earliest deadline among the open findings: a later, worse finding can pull it forward. */
export function patchWindow(
  openFindings: Finding[],
  config: SecurityWindowsConfig,
  calendar: WorkCalendar,
): PatchWindow | undefined {
  let earliest: PatchWindow | undefined;
  for (const finding of openFindings) {
    const startedAt = new Date(finding.firstSeenAt);
    const windowMs = windowLength(finding.severity, config);
    const deadline = calendar.addWorkingTime(startedAt, windowMs);
    if (!earliest || deadline < earliest.deadline) {
      const atRiskAt = calendar.addWorkingTime(startedAt, Math.round(windowMs * config.atRisk));
      earliest = { severity: finding.severity, startedAt, windowMs, deadline, atRiskAt };
    }
  }
  if (earliest) earliest.severity = mostSevere(openFindings.map((finding) => finding.severity));
  return earliest;
}

export function windowStage(window: PatchWindow, now: Date): WindowStage {
  if (now >= window.deadline) return "breached";
  if (now >= window.atRiskAt) return "at-risk";
  return "on-track";
}
