// The report as the Markdown body of its issue (one issue per period, updated in place).
import { inlineText } from "../text/untrusted-markdown.ts";
import { duration, SLA_HEADERS, slaCells } from "./format.ts";
import type { MaintenanceReport } from "./report.ts";
import type { DeadlineCounts } from "./sections/tracking.ts";

export function reportMarker(periodKey: string): string {
  return `<!-- upkeep:report period=${periodKey} -->`;
}

export function renderMarkdown(report: MaintenanceReport): string {
  return [
    reportMarker(report.period.key),
    `# Maintenance report: ${report.period.label}`,
    "",
    `_${report.repository}, ${report.period.label}; generated ${report.generatedAt.slice(0, 16).replace("T", " ")} UTC by Upkeep._`,
    "",
    ...slaTable(report),
    ...incidentLines(report),
    ...deadlineTable("Root-cause analyses", report.rcas),
    ...securityLines(report),
    ...deadlineTable("Recurring check-ins", report.checkins),
    ...releaseLines(report),
  ].join("\n");
}

function slaTable(report: MaintenanceReport): string[] {
  return [
    "## SLA compliance",
    "",
    `| ${SLA_HEADERS.join(" | ")} |`,
    "|---|---:|---:|---|---:|---|---:|",
    ...report.sla.map((row) => `| ${slaCells(row).join(" | ")} |`),
    "",
    "Times count working hours of each goal's calendar.",
    "",
  ];
}

function incidentLines(report: MaintenanceReport): string[] {
  const { incidents } = report;
  return [
    "## Incidents",
    "",
    `${incidents.total} incident(s): ${incidents.bySeverity.critical} critical, ${incidents.bySeverity.major} major, ${incidents.bySeverity.minor} minor. Mean time to restore: ${duration(incidents.mttrMs)}.`,
    "",
    ...(incidents.list.length > 0
      ? [
          "| Issue | Severity | Opened | Duration |",
          "|---|---|---|---|",
          ...incidents.list.map(
            (row) =>
              `| #${row.number} ${inlineText(row.title, 80)} | ${row.severity ?? "–"} | ${row.openedAt.slice(0, 16).replace("T", " ")} | ${duration(row.durationMs)}${row.closedAt ? "" : " (open)"} |`,
          ),
          "",
        ]
      : []),
    ...(incidents.downtime.length > 0
      ? [
          "**Downtime measured by health checks:**",
          "",
          ...incidents.downtime.map(
            (row) =>
              `- \`${row.probe}\`: ${duration(row.downtimeMs)} over ${row.incidents} incident(s)`,
          ),
          "",
        ]
      : []),
  ];
}

function deadlineTable(title: string, counts: DeadlineCounts): string[] {
  return [
    `## ${title}`,
    "",
    "| Opened | Done on time | Done late | Overdue | Open, not yet due |",
    "|---:|---:|---:|---:|---:|",
    `| ${counts.opened} | ${counts.doneOnTime} | ${counts.doneLate} | ${counts.overdue} | ${counts.open} |`,
    "",
  ];
}

function securityLines(report: MaintenanceReport): string[] {
  const windows = report.securityWindows;
  const sources =
    Object.entries(windows.bySource)
      .map(([source, count]) => `${source} ${count}`)
      .join(", ") || "none";
  return [
    ...deadlineTable("Security windows", windows).map((line) =>
      line
        .replace("Done on time", "Closed in window")
        .replace("Done late", "Closed late")
        .replace("Overdue", "Breached, open"),
    ),
    `Still open by age: ${windows.openByAge.under7d} under 7 days, ${windows.openByAge.from7to30d} 7–30 days, ${windows.openByAge.over30d} over 30 days. Findings by source: ${sources}.`,
    "",
    "**Findings trend (security windows opened / closed per week):**",
    "",
    "| Week | Opened | Closed |",
    "|---|---:|---:|",
    ...report.findingsTrend.map((week) => `| ${week.week} | ${week.opened} | ${week.closed} |`),
    "",
  ];
}

function releaseLines(report: MaintenanceReport): string[] {
  if (report.releases.length === 0)
    return ["## Releases", "", "No release was published in this period.", ""];
  return [
    "## Releases",
    "",
    ...report.releases.map(
      (release) =>
        `- [${inlineText(release.name || release.tag, 80)}](${release.url}) — ${release.publishedAt.slice(0, 10)}`,
    ),
    "",
  ];
}
