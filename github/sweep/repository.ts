// The full sweep of one repository: every capability's reconciler over the issues that can need
// it, so a webhook that never arrived (App down, delivery lost, process killed mid-handling) is
// repaired within one interval. Reads stay bounded: one listing of the open issues shared by
// triage and SLA, one listing of issues closed since the last sweep for late triage and RCAs,
// and per-issue reads only where something can have changed (the SLA sweep's memory).
import type { UpkeepConfig } from "../../core/config/schema.ts";
import { type Issue, isBot } from "../../core/model/issue.ts";
import { type IssueExclusion, type SweepReport, sweepRepository } from "../../core/sla/sweep.ts";
import { loadSlaSettings, newSlaRun } from "../../core/sla/sync.ts";
import type { CalendarResolver } from "../../core/tracking/calendar.ts";
import { incidentSeverity } from "../../core/tracking/severity.ts";
import { resolverFrom } from "../../core/tracking/sla-calendars.ts";
import { isSeverityLabel, sameLabel } from "../../core/triage/labels.ts";
import { createMissingLabels, triageIssue } from "../../core/triage/reconcile.ts";
import { runCheckins } from "../checkins.ts";
import type { GitHubPort } from "../port.ts";
import { slaCalendarsWithHolidays } from "../tracking/calendars.ts";
import { reconcileRca } from "../tracking/rca.ts";
import { trackingSettings } from "../tracking/settings.ts";
import { sweepTracking, type TrackingSweepReport } from "../tracking/sweep.ts";

export interface FullSweepOptions {
  now: number;
  /** The previous sweep's report for this repository (its memory): when it ran and what SLA saw. */
  previous?: Pick<FullSweepReport, "generatedAt" | "sla">;
  /** Timelines the SLA part reads at most per run (the rest wait for the next run). */
  maxReads: number;
  /** Closed issues since this instant count towards the SLA's "met this period". */
  periodStart: number;
  /** Comments the SLA part may create this run (GitHub caps content creation). */
  commentBudget?: number;
  /** Runs one issue's work apart from webhook handlers on the same issue (the App's issue lock). */
  exclusive?: IssueExclusion;
  /** How far back the first sweep looks for closed incidents without an RCA (default 7 days). */
  closedLookbackMs?: number;
  warn?: (message: string) => void;
}

export interface FullSweepReport {
  version: 1;
  repository: string;
  generatedAt: string;
  /** Issues that got their severity (open ones never triaged, closed ones closed untriaged). */
  triaged: number[];
  /** Incidents whose RCA was created or brought up to date. */
  rca: number[];
  sla?: SweepReport;
  tracking: TrackingSweepReport;
  /** Check-in issues opened. */
  checkins: number[];
}

const WEEK_MS = 7 * 24 * 3_600_000;

export async function sweepRepositoryFully(
  github: GitHubPort,
  config: UpkeepConfig,
  options: FullSweepOptions,
): Promise<FullSweepReport> {
  const clock = { now: () => new Date(options.now) };
  const ensureLabels = labelsOnce();
  const exclusive = options.exclusive ?? ((_number, work) => work());
  const open: Issue[] = [];
  for await (const issue of github.listIssues({ state: "open" })) open.push(issue);
  const triaged: number[] = [];
  for (const [index, issue] of open.entries()) {
    if (!needsTriage(issue, config)) continue;
    const outcome = await exclusive(issue.number, () =>
      triageIssue(github, issue, config, { ensureLabels }),
    );
    if (outcome.status === "triaged" && outcome.plan.add.length > 0) {
      triaged.push(issue.number);
      // The SLA part below must see the severity just set.
      open[index] = await github.getIssue(issue.number);
    }
  }
  const rca = await sweepClosed(github, config, options, { triaged, ensureLabels });
  const sla = await sweepSla(github, config, options, open);
  const calendars = sla ? resolverFrom(sla.calendars) : undefined;
  const tracking = await sweepTracking(github, config, clock, { calendars, warn: options.warn });
  // No check-ins configured costs no listing.
  const checkins =
    config.checkins.length > 0
      ? await runCheckins({ port: github, checkins: config.checkins, zone: config.timezone, clock })
      : { opened: [], problems: [] };
  for (const problem of checkins.problems) options.warn?.(problem);
  return {
    version: 1,
    repository: `${github.repo.owner}/${github.repo.repo}`,
    generatedAt: new Date(options.now).toISOString(),
    triaged: triaged.sort((a, b) => a - b),
    rca,
    ...(sla ? { sla: sla.report } : {}),
    tracking,
    checkins: checkins.opened,
  };
}

/** One line per capability, for logs, the CLI and the admin endpoint's answer. */
export function describeSweep(report: FullSweepReport): string {
  const list = (numbers: number[]) =>
    numbers.length > 0 ? numbers.map((n) => `#${n}`).join(" ") : "none";
  const sla = report.sla
    ? `${report.sla.issues.length} with an SLA, ${report.sla.breachedCount} breached, ${report.sla.reads} timeline(s) read, ${report.sla.deferred.length} deferred`
    : "disabled";
  const windows = report.tracking.windows;
  return [
    `${report.repository}: swept at ${report.generatedAt}`,
    `  triage: ${list(report.triaged)}`,
    `  rca: ${list(report.rca)}`,
    `  sla: ${sla}`,
    `  security windows: ${windows.updated.length} updated, ${report.tracking.escalated.length} escalated; rca reminders: ${list(report.tracking.rcaReminders)}`,
    `  check-ins opened: ${list(report.checkins)}`,
  ].join("\n");
}

/**
 * Never triaged: no severity label and not left for people (needs-triage) either. Issues bots
 * opened (Upkeep's own RCAs and windows among them) are not triaged, as on the webhook path.
 */
function needsTriage(issue: Issue, config: UpkeepConfig): boolean {
  const { triage } = config;
  if (!triage.enabled || (issue.isPullRequest && !triage.pullRequests)) return false;
  if (isBot(issue.author)) return false;
  return !issue.labels.some(
    (label) => isSeverityLabel(triage, label) || sameLabel(label, triage.needsTriageLabel.name),
  );
}

/**
 * Issues closed since the last sweep (or within the lookback on the first one): one closed while
 * no event was heard gets its severity, and a critical/major incident its RCA, once. The listing
 * asks for issues updated since then, which includes every one closed since then.
 */
async function sweepClosed(
  github: GitHubPort,
  config: UpkeepConfig,
  options: FullSweepOptions,
  shared: { triaged: number[]; ensureLabels: ReturnType<typeof labelsOnce> },
): Promise<number[]> {
  const since = options.previous
    ? Date.parse(options.previous.generatedAt)
    : options.now - (options.closedLookbackMs ?? WEEK_MS);
  const exclusive = options.exclusive ?? ((_number, work) => work());
  const calendars = lazy(() => slaCalendarsWithHolidays(github, config));
  const done: number[] = [];
  for await (const issue of github.listIssues({
    state: "closed",
    since: new Date(since).toISOString(),
  })) {
    if (issue.isPullRequest || (issue.stateReason ?? "completed") !== "completed") continue;
    // Updated since is not closed since: what closed before the last sweep was handled by it.
    if (!issue.closedAt || Date.parse(issue.closedAt) < since) continue;
    const outcome = await exclusive(issue.number, () =>
      catchUpClosed(github, config, issue, { ensureLabels: shared.ensureLabels, calendars }),
    );
    if (outcome.triaged) shared.triaged.push(issue.number);
    if (outcome.rca) done.push(issue.number);
  }
  return done;
}

/** A closed issue: its severity if it never got one, then its RCA if it is an incident that needs one. */
async function catchUpClosed(
  github: GitHubPort,
  config: UpkeepConfig,
  closed: Issue,
  context: {
    ensureLabels: ReturnType<typeof labelsOnce>;
    calendars: () => Promise<CalendarResolver | undefined>;
  },
): Promise<{ triaged: boolean; rca: boolean }> {
  let issue = closed;
  let triaged = false;
  if (needsTriage(issue, config)) {
    const outcome = await triageIssue(github, issue, config, {
      ensureLabels: context.ensureLabels,
      alsoClosed: true,
    });
    if (outcome.status !== "triaged" || outcome.plan.add.length === 0)
      return { triaged, rca: false };
    triaged = true;
    issue = await github.getIssue(issue.number);
  }
  const { rca } = config.tracking;
  const severity = incidentSeverity(issue.labels, trackingSettings(config).severityLabels);
  if (!rca.enabled || !severity || !rca.severities.includes(severity))
    return { triaged, rca: false };
  const outcome = await reconcileRca(github, issue.number, config, {
    calendars: await context.calendars(),
  });
  return { triaged, rca: outcome.decision !== "none" };
}

function lazy<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => {
    made ??= make();
    return made;
  };
}

async function sweepSla(
  github: GitHubPort,
  config: UpkeepConfig,
  options: FullSweepOptions,
  open: Issue[],
) {
  if (!config.sla.enabled) return undefined;
  const { settings, problems } = await loadSlaSettings(github, config);
  for (const problem of problems) options.warn?.(`SLA calendar: ${problem.message}`);
  const run = newSlaRun(github, settings, options.commentBudget);
  const report = await sweepRepository(run, {
    now: options.now,
    previous: options.previous?.sla,
    maxReads: options.maxReads,
    periodStart: options.periodStart,
    openIssues: open,
    exclusive: options.exclusive,
  });
  return { report, calendars: settings.calendars };
}

/** The triage labels are created at most once per sweep, and only when a label is to be set. */
function labelsOnce() {
  let done: Promise<unknown> | undefined;
  return async (github: GitHubPort, triage: UpkeepConfig["triage"]) => {
    done ??= createMissingLabels(github, triage);
    await done;
  };
}

/** The SLA report's default period: the calendar month (UTC) of `now`. */
export function monthStart(now: number): number {
  const at = new Date(now);
  return Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1);
}
