// The job summary of the SLA sweep: a table per severity and the list of breaches with links.
import * as core from "@actions/core";
import { percent, type SlaReportEntry, worstState } from "../../core/sla/report.ts";
import { formatInstant } from "../../core/sla/status-comment.ts";
import type { SweepIssue, SweepReport } from "../../core/sla/sweep.ts";
import { inlineText } from "../../core/text/untrusted-markdown.ts";

const MAX_LISTED = 500;

/** Issue titles are untrusted: keep them from breaking the table, adding markup or pinging. */
function plainTitle(title: string): string {
  return inlineText(title, 120);
}

function breachedGoal(issue: SlaReportEntry): string {
  const goals = (["response", "resolution"] as const).filter(
    (goal) => issue[goal].state === "breached",
  );
  return goals
    .map(
      (goal) =>
        `${goal} due ${issue[goal].due ? `${formatInstant(Date.parse(issue[goal].due!), "UTC")} UTC` : "?"}`,
    )
    .join(", ");
}

export async function writeSweepSummary(report: SweepReport): Promise<void> {
  const rows = report.counts.map((row) => [
    row.severity,
    String(row.open),
    `${row.atRisk} (${percent(row.atRisk, row.open)})`,
    `${row.breached} (${percent(row.breached, row.open)})`,
    `${row.met} of ${row.closed} (${percent(row.met, row.closed)})`,
  ]);
  const breaches = report.issues.filter((issue) => worstState(issue) === "breached");
  const summary = core.summary
    .addHeading("SLA check", 2)
    .addRaw(
      `Open issues with a severity in ${report.repository}; "met" counts issues closed since ${report.periodStart.slice(0, 10)}.`,
      true,
    )
    .addTable([
      [
        { data: "Severity", header: true },
        { data: "Open", header: true },
        { data: "At risk", header: true },
        { data: "Breached", header: true },
        { data: "Met this period", header: true },
      ],
      ...rows,
    ]);
  if (breaches.length > 0) {
    // The job summary holds at most 1 MiB; the JSON report has every breach.
    const shown = breaches.slice(0, MAX_LISTED).map(breachLine);
    if (breaches.length > MAX_LISTED)
      shown.push(`… and ${breaches.length - MAX_LISTED} more in the JSON report`);
    summary.addHeading(`Breaches (${breaches.length})`, 3).addList(shown);
  } else {
    summary.addRaw("No open issue has a breached SLA.", true);
  }
  if (report.deferred.length > 0) {
    summary.addRaw(
      `${report.deferred.length} issue(s) wait for the next run (read limit or comment budget).`,
      true,
    );
  }
  await summary.write();
}

function breachLine(issue: SweepIssue): string {
  return `<a href="${encodeURI(issue.url)}">#${issue.number}</a> ${plainTitle(issue.title)} — ${issue.severity}, ${breachedGoal(issue)}`;
}
