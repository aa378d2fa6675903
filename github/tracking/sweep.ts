// The periodic sweep's share of tracking: reminders on overdue RCAs, and at-risk/breached labels
// on security windows whose deadlines passed since the last event, and the SLA escalation chain
// for breached windows. The SLA sweep action calls it.
import type { UpkeepConfig } from "../../core/config/schema.ts";
import type { Clock } from "../../core/time/clock.ts";
import type { CalendarResolver } from "../../core/tracking/calendar.ts";
import type { GitHubPort } from "../port.ts";
import { sendRcaReminders } from "./rca-reminders.ts";
import { type ReconcileReport, reconcileSecurityWindows } from "./security-windows.ts";
import { escalateBreachedWindows } from "./window-escalation.ts";

export interface TrackingSweepReport {
  rcaReminders: number[];
  windows: ReconcileReport;
  /** Windows that got an escalation comment (the SLA chain's steps, counted from the deadline). */
  escalated: number[];
}

export async function sweepTracking(
  github: GitHubPort,
  config: UpkeepConfig,
  clock: Clock,
  options: { calendars?: CalendarResolver; warn?: (message: string) => void } = {},
): Promise<TrackingSweepReport> {
  const rcaReminders = await sendRcaReminders(github, config, clock);
  // No findings: only deadlines move, so only labels change.
  const windows = await reconcileSecurityWindows(github, [], config, clock, options);
  const escalated = await escalateBreachedWindows(github, config, clock, options);
  return { rcaReminders, windows, escalated };
}
