// Executes the security-window plan through the GitHub port. Called by the App's alert handlers,
// by Upkeep's scan actions (with their findings) and by the SLA sweep (with none, to move the
// at-risk/breached labels as deadlines pass).
import type { UpkeepConfig } from "../../core/config/schema.ts";
import { isWrittenBy } from "../../core/model/issue.ts";
import type { Clock } from "../../core/time/clock.ts";
import { alwaysOpen, type CalendarResolver } from "../../core/tracking/calendar.ts";
import type { Finding, FindingSource } from "../../core/tracking/security/finding.ts";
import {
  planSecurityWindows,
  type WindowAction,
  type WindowPlanInput,
} from "../../core/tracking/security/plan.ts";
import { readWindow, type TrackedWindow } from "../../core/tracking/security/stored.ts";
import type { GitHubPort } from "../port.ts";
import { LabelEnsurer } from "./labels.ts";
import { trackingSettings } from "./settings.ts";
import { readTemplate } from "./templates.ts";

export interface ReconcileOptions {
  /** The findings are all that these sources report now; their missing open findings are fixed. */
  completeSources?: FindingSource[];
  /** Named calendars beyond "24x7" and "weekdays" (the SLA section's). */
  calendars?: CalendarResolver;
  warn?: (message: string) => void;
}

export interface ReconcileReport {
  created: number[];
  updated: number[];
  closed: number[];
  reopened: number[];
  duplicatesClosed: number[];
}

export async function reconcileSecurityWindows(
  github: GitHubPort,
  findings: Finding[],
  config: UpkeepConfig,
  clock: Clock,
  options: ReconcileOptions = {},
): Promise<ReconcileReport> {
  const report: ReconcileReport = {
    created: [],
    updated: [],
    closed: [],
    reopened: [],
    duplicatesClosed: [],
  };
  const windows = config.tracking.securityWindows;
  if (!windows.enabled) return report;
  const settings = trackingSettings(config, options.calendars);
  const calendar = settings.calendars(windows.calendar);
  if (!calendar)
    options.warn?.(
      `unknown calendar "${windows.calendar}" in tracking.securityWindows; counting 24x7`,
    );
  const input: Omit<WindowPlanInput, "existing"> = {
    findings,
    config: windows,
    calendar: calendar ?? alwaysOpen,
    now: clock.now(),
    zone: settings.zone,
    template: await readTemplate(github, windows.template),
    completeSources: options.completeSources,
    stageLabels: { atRisk: config.sla.labels.atRisk, breached: config.sla.labels.breached },
  };
  const labels = new LabelEnsurer(github);
  const actions = planSecurityWindows({
    ...input,
    existing: await listWindows(github, windows.labels),
  });
  for (const action of actions) await apply(github, labels, action, report);
  if (report.created.length > 0) {
    // A concurrent run (another process, a redelivery) may have created the same window: the
    // list now shows both, and the younger one is closed as a duplicate.
    const again = planSecurityWindows({
      ...input,
      findings: [],
      existing: await listWindows(github, windows.labels),
    });
    for (const action of again)
      if (action.kind === "close-duplicate") await apply(github, labels, action, report);
  }
  return report;
}

/** Security-window issues, found through the list API (search lags behind writes). */
export async function listWindows(github: GitHubPort, labels: string[]): Promise<TrackedWindow[]> {
  const windows: TrackedWindow[] = [];
  const query = {
    state: "all" as const,
    labels: labels.slice(0, 1),
    sort: "created" as const,
    direction: "asc" as const,
  };
  for await (const issue of github.listIssues(query)) {
    // A copied window marker in someone else's issue is not a window.
    if (issue.isPullRequest || !isWrittenBy(issue.author, github.botLogin)) continue;
    const window = readWindow({ ...issue, body: issue.body });
    if (window) windows.push(window);
  }
  return windows;
}

async function apply(
  github: GitHubPort,
  labels: LabelEnsurer,
  action: WindowAction,
  report: ReconcileReport,
): Promise<void> {
  switch (action.kind) {
    case "create": {
      await labels.ensure(action.labels);
      const issue = await github.createIssue({
        title: action.title,
        body: action.body,
        labels: action.labels,
        key: `security-window:${action.key}`,
      });
      report.created.push(issue.number);
      return;
    }
    case "update":
      if (action.body) await github.updateIssue(action.number, { body: action.body });
      await relabel(github, labels, action.number, action.addLabels, action.removeLabels);
      report.updated.push(action.number);
      return;
    case "close":
      await github.createComment(action.number, action.comment, commentKey(action));
      await github.updateIssue(action.number, {
        body: action.body,
        state: "closed",
        stateReason: "completed",
      });
      await relabel(github, labels, action.number, [], action.removeLabels);
      report.closed.push(action.number);
      return;
    case "reopen":
      await github.updateIssue(action.number, { body: action.body, state: "open" });
      await github.createComment(action.number, action.comment, commentKey(action));
      await relabel(github, labels, action.number, action.addLabels, []);
      report.reopened.push(action.number);
      return;
    case "close-duplicate":
      await github.createComment(action.number, action.comment, commentKey(action));
      await github.updateIssue(action.number, { state: "closed", stateReason: "duplicate" });
      report.duplicatesClosed.push(action.number);
      return;
  }
}

/** A state change's comment, once per issue, kind and text (a lost answer is not posted twice). */
function commentKey(action: { kind: string; number: number; comment: string }): string {
  return `security-window-${action.kind}:${action.number}:${action.comment}`;
}

async function relabel(
  github: GitHubPort,
  labels: LabelEnsurer,
  number: number,
  add: string[],
  remove: string[],
): Promise<void> {
  if (add.length > 0) {
    await labels.ensure(add);
    await github.addLabels(number, add);
  }
  for (const label of remove) await github.removeLabel(number, label);
}
