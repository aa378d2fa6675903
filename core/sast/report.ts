// The scan for people: a terminal table, a Markdown job summary, and a JSON report for tools.
import { type Finding, formatProblem } from "./finding.ts";
import { activeFindings } from "./policy.ts";
import type { ScanReport } from "./scan/run-scan.ts";
import { compareSeverity, type FindingSeverity, findingSeverityNames } from "./severity.ts";

export function countBySeverity(findings: Finding[]): Record<FindingSeverity, number> {
  const counts = { critical: 0, high: 0, medium: 0, low: 0 };
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}

function bySeverity(a: Finding, b: Finding): number {
  return (
    compareSeverity(a.severity, b.severity) ||
    a.path.localeCompare(b.path) ||
    a.startLine - b.startLine
  );
}

export function formatTable(report: ScanReport): string {
  const active = activeFindings(report.findings).sort(bySeverity);
  const lines = active.map(
    (finding) =>
      `${finding.severity.toUpperCase().padEnd(8)} ${finding.ruleId.padEnd(34)} ${finding.path}:${finding.startLine}\n         ${finding.message}\n         ${finding.snippet.trim()}`,
  );
  const hidden = report.findings.length - active.length;
  const counts = countBySeverity(active);
  const tally = findingSeverityNames
    .map((severity) => `${counts[severity]} ${severity}`)
    .join(", ");
  lines.push(
    "",
    `${active.length} finding(s): ${tally}` +
      (hidden > 0 ? ` (${hidden} suppressed or in the baseline)` : "") +
      `; ${report.filesScanned} files, ${report.rules.length} rules, ${Math.round(report.durationMs)} ms`,
  );
  for (const problem of report.problems) lines.push(formatProblem(problem));
  if (report.incomplete)
    lines.push("scan incomplete: some files or rules could not be handled (see errors above)");
  return `${lines.join("\n")}\n`;
}

export function formatJson(report: ScanReport, failOn: string): string {
  const active = activeFindings(report.findings);
  return `${JSON.stringify(
    {
      tool: "upkeep-sast",
      incomplete: report.incomplete,
      filesScanned: report.filesScanned,
      skipped: report.skipped,
      rules: report.rules.length,
      durationMs: Math.round(report.durationMs),
      failOn,
      counts: countBySeverity(active),
      findings: report.findings,
      problems: report.problems,
    },
    null,
    2,
  )}\n`;
}

/** The job summary: counts, the most severe findings, and what made the scan incomplete. */
export function formatSummary(
  report: ScanReport,
  options: { failing: number; top?: number; blobUrl?: string },
): string {
  const active = activeFindings(report.findings).sort(bySeverity);
  const counts = countBySeverity(active);
  const status =
    options.failing > 0 ? "❌ failing" : report.incomplete ? "⚠️ incomplete" : "✅ passing";
  const lines = [
    `## Upkeep SAST scan: ${status}`,
    "",
    `${report.filesScanned} files scanned with ${report.rules.length} rules in ${(report.durationMs / 1000).toFixed(1)} s.`,
    "",
    "| Severity | New findings |",
    "| --- | ---: |",
    ...findingSeverityNames.map((severity) => `| ${severity} | ${counts[severity]} |`),
    "",
  ];
  const suppressed = report.findings.filter((finding) => finding.suppression).length;
  const unchanged = report.findings.filter(
    (finding) => !finding.suppression && finding.baselineState === "unchanged",
  ).length;
  if (suppressed + unchanged > 0)
    lines.push(`Not counted: ${suppressed} suppressed, ${unchanged} already in the baseline.`, "");
  const top = active.slice(0, options.top ?? 10);
  if (top.length > 0) {
    lines.push(
      "### Top findings",
      "",
      "| Severity | Rule | Location | Message |",
      "| --- | --- | --- | --- |",
    );
    for (const finding of top) {
      const where = `${finding.path}:${finding.startLine}`;
      const link = options.blobUrl
        ? `[${where}](${options.blobUrl}/${finding.path}#L${finding.startLine})`
        : `\`${where}\``;
      lines.push(
        `| ${finding.severity} | \`${finding.ruleId}\` | ${link} | ${escapeCell(finding.message)} |`,
      );
    }
    lines.push("");
  }
  if (report.problems.length > 0) {
    lines.push("### Problems", "");
    for (const problem of report.problems.slice(0, 20))
      lines.push(`- ${escapeCell(formatProblem(problem))}`);
    if (report.problems.length > 20) lines.push(`- … and ${report.problems.length - 20} more`);
    lines.push("");
  }
  return lines.join("\n");
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}
