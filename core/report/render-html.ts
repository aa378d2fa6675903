// The report as one self-contained HTML page with charts, for GitHub Pages or a workflow artifact.
import { renderBarChart } from "./chart.ts";
import { duration, escapeHtml, SLA_HEADERS, slaCells } from "./format.ts";
import type { MaintenanceReport } from "./report.ts";
import type { DeadlineCounts } from "./sections/tracking.ts";

const COLORS = { good: "#2da44e", bad: "#cf222e", neutral: "#0969da", warn: "#bf8700" };

export function renderHtml(report: MaintenanceReport): string {
  const title = `Maintenance report: ${report.period.label}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} — ${escapeHtml(report.repository)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
<p class="meta">${escapeHtml(report.repository)} · ${escapeHtml(report.period.label)} · generated ${escapeHtml(report.generatedAt.slice(0, 16).replace("T", " "))} UTC</p>
${slaSection(report)}
${incidentSection(report)}
${deadlineSection("Root-cause analyses", "rcas", report.rcas)}
${securitySection(report)}
${deadlineSection("Recurring check-ins", "checkins", report.checkins)}
${releaseSection(report)}
</main>
</body>
</html>
`;
}

function table(headers: string[], rows: (string | number)[][]): string {
  const head = headers.map((header) => `<th>${escapeHtml(header)}</th>`).join("");
  const body = rows
    .map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(String(cell))}</td>`).join("")}</tr>`)
    .join("\n");
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function slaSection(report: MaintenanceReport): string {
  const chart = renderBarChart({
    id: "sla-on-time",
    title: "Goals met on time (%)",
    categories: report.sla.map((row) => row.severity),
    series: [
      {
        name: "Response",
        color: COLORS.neutral,
        values: report.sla.map((row) => Math.round((row.response.onTime ?? 0) * 100)),
      },
      {
        name: "Resolution",
        color: COLORS.good,
        values: report.sla.map((row) => Math.round((row.resolution.onTime ?? 0) * 100)),
      },
    ],
    format: (value) => `${value}%`,
  });
  return `<section id="section-sla"><h2>SLA compliance</h2>${chart}${table(SLA_HEADERS, report.sla.map(slaCells))}</section>`;
}

function incidentSection(report: MaintenanceReport): string {
  const { incidents } = report;
  const chart = renderBarChart({
    id: "incidents",
    title: "Incidents by severity",
    categories: ["critical", "major", "minor"],
    series: [
      {
        name: "Incidents",
        color: COLORS.bad,
        values: [
          incidents.bySeverity.critical,
          incidents.bySeverity.major,
          incidents.bySeverity.minor,
        ],
      },
    ],
  });
  const list = table(
    ["Issue", "Severity", "Opened", "Duration"],
    incidents.list.map((row) => [
      `#${row.number} ${row.title}`,
      row.severity ?? "–",
      row.openedAt.slice(0, 16).replace("T", " "),
      `${duration(row.durationMs)}${row.closedAt ? "" : " (open)"}`,
    ]),
  );
  const downtime = table(
    ["Probe", "Incidents", "Downtime"],
    incidents.downtime.map((row) => [row.probe, row.incidents, duration(row.downtimeMs)]),
  );
  return `<section id="section-incidents"><h2>Incidents</h2><p>${incidents.total} incident(s); mean time to restore ${escapeHtml(duration(incidents.mttrMs))}.</p>${chart}${list}<h3>Downtime measured by health checks</h3>${downtime}</section>`;
}

function deadlineSection(title: string, id: string, counts: DeadlineCounts): string {
  const chart = renderBarChart({
    id,
    title,
    categories: ["on time", "late", "overdue", "open"],
    series: [
      {
        name: title,
        color: COLORS.neutral,
        values: [counts.doneOnTime, counts.doneLate, counts.overdue, counts.open],
      },
    ],
  });
  return `<section id="section-${id}"><h2>${escapeHtml(title)}</h2><p>${counts.opened} opened in the period.</p>${chart}</section>`;
}

function securitySection(report: MaintenanceReport): string {
  const windows = report.securityWindows;
  const trend = renderBarChart({
    id: "findings-trend",
    title: "Security windows opened and closed per week",
    categories: report.findingsTrend.map((week) => week.week.slice(5)),
    series: [
      {
        name: "Opened",
        color: COLORS.warn,
        values: report.findingsTrend.map((week) => week.opened),
      },
      {
        name: "Closed",
        color: COLORS.good,
        values: report.findingsTrend.map((week) => week.closed),
      },
    ],
  });
  const status = table(
    [
      "Opened",
      "Closed in window",
      "Closed late",
      "Breached, open",
      "Open, in window",
      "Open < 7d",
      "Open 7–30d",
      "Open > 30d",
    ],
    [
      [
        windows.opened,
        windows.doneOnTime,
        windows.doneLate,
        windows.overdue,
        windows.open,
        windows.openByAge.under7d,
        windows.openByAge.from7to30d,
        windows.openByAge.over30d,
      ],
    ],
  );
  const sources = table(["Source", "Findings"], Object.entries(windows.bySource));
  return `<section id="section-security"><h2>Security windows</h2>${status}${trend}${sources}</section>`;
}

function releaseSection(report: MaintenanceReport): string {
  if (report.releases.length === 0)
    return `<section id="section-releases"><h2>Releases</h2><p>No release was published in this period.</p></section>`;
  const items = report.releases
    .map(
      (release) =>
        `<li><a href="${escapeHtml(/^https?:\/\//.test(release.url) ? release.url : "#")}">${escapeHtml(release.name || release.tag)}</a> — ${escapeHtml(release.publishedAt.slice(0, 10))}</li>`,
    )
    .join("\n");
  return `<section id="section-releases"><h2>Releases</h2><ul>${items}</ul></section>`;
}

const STYLE = `
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2328;background:#fff;margin:0}
main{max-width:920px;margin:0 auto;padding:24px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:20px;border-bottom:1px solid #d0d7de;padding-bottom:4px;margin-top:32px}
.meta{color:#59636e;margin:0 0 16px}
table{border-collapse:collapse;margin:12px 0;font-size:14px}th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left}th{background:#f6f8fa}
figure{margin:12px 0}figcaption{font-weight:600;margin-bottom:4px}svg{width:100%;max-width:640px;height:auto}
.axis,.legend{font-size:11px;fill:#59636e}.baseline{stroke:#d0d7de}
@media (prefers-color-scheme:dark){body{background:#0d1117;color:#e6edf3}th{background:#161b22}th,td,h2{border-color:#30363d}}
`;
