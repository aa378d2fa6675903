// The scheduled sweep over a repository's open issues. It reads issues with their labels in pages
// of 100 and reads an issue's timeline only when its SLA can have changed since the last sweep:
// the issue was updated after what the last sweep saw, or a deadline, threshold or escalation step
// recorded then has come. What the last sweep saw comes from its report (the sweep's memory).
import type { Issue } from "../model/issue.ts";
import { severityFromLabels } from "./policy.ts";
import {
  emptyCounts,
  reportEntry,
  type SeverityCounts,
  type SlaReportEntry,
  worstState,
} from "./report.ts";
import { type SlaRun, syncIssueSla } from "./sync.ts";

/** One issue as the sweep last saw it; the report file carries these to the next run. */
export interface SweepIssue extends SlaReportEntry {
  title: string;
  url: string;
  /** The issue's updated_at after the sweep's own writes. */
  seen: string;
  /** When the state can next change by time alone. */
  next: string | null;
}

export interface SweepReport {
  version: 1;
  repository: string;
  generatedAt: string;
  periodStart: string;
  counts: SeverityCounts[];
  breachedCount: number;
  issues: SweepIssue[];
  /** Issues whose read or writes were left for the next run (read limit, comment budget). */
  deferred: number[];
  /** Timelines read in this run. */
  reads: number;
}

export interface SweepOptions {
  now: number;
  /** The previous run's report, if any. */
  previous?: SweepReport;
  /** At most this many timelines are read per run; the rest wait for the next run. */
  maxReads: number;
  /** Closed issues since this instant count towards "met this period". */
  periodStart: number;
  /** The repository's open issues when the caller has listed them already (the full sweep). */
  openIssues?: Iterable<Issue>;
  /** Runs one issue's work apart from anything else touching that issue (the App's issue lock). */
  exclusive?: IssueExclusion;
}

export type IssueExclusion = <T>(number: number, work: () => Promise<T>) => Promise<T>;

const unguarded: IssueExclusion = (_number, work) => work();

function needsRead(issue: Issue, known: SweepIssue | undefined, now: number): boolean {
  if (!known) return true;
  if (Date.parse(issue.updatedAt) > Date.parse(known.seen)) return true;
  return known.next !== null && Date.parse(known.next) <= now;
}

/** Issues that cannot wait go first when the read limit bites: due deadlines, then changes, then new ones. */
function readOrder(known: SweepIssue | undefined): number {
  if (!known) return 2;
  return known.next !== null ? 0 : 1;
}

export async function sweepRepository(run: SlaRun, options: SweepOptions): Promise<SweepReport> {
  const { config } = run.settings;
  const previous = new Map((options.previous?.issues ?? []).map((issue) => [issue.number, issue]));
  const slaLabels = [config.sla.labels.atRisk, config.sla.labels.breached].map((label) =>
    label.toLowerCase(),
  );
  const kept: SweepIssue[] = [];
  const toRead: { issue: Issue; known?: SweepIssue }[] = [];
  for await (const issue of options.openIssues ?? run.github.listIssues({ state: "open" })) {
    if (issue.isPullRequest) continue;
    const hasSeverity = severityFromLabels(issue.labels, config.triage) !== null;
    const hasSlaLabel = issue.labels.some((label) => slaLabels.includes(label.toLowerCase()));
    if (!hasSeverity && !hasSlaLabel) continue;
    const known = previous.get(issue.number);
    if (needsRead(issue, known, options.now)) toRead.push({ issue, known });
    else kept.push(known!);
  }
  toRead.sort((a, b) => readOrder(a.known) - readOrder(b.known));
  const deferred: number[] = [];
  let reads = 0;
  for (const { issue, known } of toRead) {
    if (reads >= options.maxReads) {
      deferred.push(issue.number);
      if (known) kept.push(known);
      continue;
    }
    reads++;
    const exclusive = options.exclusive ?? unguarded;
    const result = await exclusive(issue.number, () => syncIssueSla(run, issue, options.now));
    if (result.deferred) deferred.push(issue.number);
    const entry: SweepIssue = {
      ...reportEntry(issue.number, result.plan.status),
      title: issue.title,
      url: issue.htmlUrl,
      // A deferred write must be retried: forget what was seen so the next run reads it again.
      seen: result.deferred ? "1970-01-01T00:00:00Z" : result.seen,
      next: result.plan.marker.next,
    };
    kept.push(entry);
  }
  const issues = kept
    .filter((issue) => issue.severity !== null)
    .sort((a, b) => a.number - b.number);
  const counts = emptyCounts();
  for (const issue of issues) countOpen(counts, issue);
  reads += await countClosed(run, counts, options, previous);
  return {
    version: 1,
    repository: `${run.github.repo.owner}/${run.github.repo.repo}`,
    generatedAt: new Date(options.now).toISOString(),
    periodStart: new Date(options.periodStart).toISOString(),
    counts: [...counts.values()],
    breachedCount: issues.filter((issue) => worstState(issue) === "breached").length,
    issues,
    deferred: deferred.sort((a, b) => a - b),
    reads,
  };
}

function countOpen(counts: Map<string, SeverityCounts>, issue: SweepIssue): void {
  const row = counts.get(issue.severity ?? "");
  if (!row) return;
  row.open++;
  const state = worstState(issue);
  if (state === "breached") row.breached++;
  if (state === "at-risk") row.atRisk++;
}

/**
 * Issues closed this period, from one listing of closed issues updated since its start. An issue
 * closed since the last sweep that the sweep was tracking is reconciled once more (its status
 * comment shows the final result); for the others the breached label tells, since the app or a
 * sweep put it there when the breach happened and closing does not remove it.
 */
async function countClosed(
  run: SlaRun,
  counts: Map<string, SeverityCounts>,
  options: SweepOptions,
  previous: ReadonlyMap<number, SweepIssue>,
): Promise<number> {
  const { config } = run.settings;
  const breached = config.sla.labels.breached.toLowerCase();
  const lastSweep = options.previous
    ? Date.parse(options.previous.generatedAt)
    : Number.POSITIVE_INFINITY;
  const since = new Date(Math.min(options.periodStart, lastSweep)).toISOString();
  let reads = 0;
  for await (const issue of run.github.listIssues({ state: "closed", since })) {
    if (issue.isPullRequest || !issue.closedAt) continue;
    const closedAt = Date.parse(issue.closedAt);
    let met = !issue.labels.some((label) => label.toLowerCase() === breached);
    if (previous.has(issue.number) && closedAt >= lastSweep) {
      reads++;
      const exclusive = options.exclusive ?? unguarded;
      const synced = await exclusive(issue.number, () => syncIssueSla(run, issue, options.now));
      const { status } = synced.plan;
      met = status.response.state !== "breached" && status.resolution.state !== "breached";
    }
    if (closedAt < options.periodStart) continue;
    const row = counts.get(severityFromLabels(issue.labels, config.triage) ?? "");
    if (!row) continue;
    row.closed++;
    if (met) row.met++;
  }
  return reads;
}
