// The maintenance report over everything the demo did, as Markdown (the issue) and an HTML page.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gatherReportInput } from "../../actions/maintenance-report/gather.ts";
import { publishReportIssue } from "../../actions/maintenance-report/publish.ts";
import { parseConfigText } from "../../core/config/parse.ts";
import { resolvePeriod } from "../../core/report/period.ts";
import { renderHtml } from "../../core/report/render-html.ts";
import { renderMarkdown } from "../../core/report/render-markdown.ts";
import { buildReport } from "../../core/report/report.ts";
import { heading, REPO, type Stage, stagePort } from "../stage.ts";

export async function reportScene(stage: Stage, configText: string, outDir: string): Promise<void> {
  heading("Maintenance report");
  const parsed = parseConfigText(configText);
  if (!parsed.ok) throw new Error("demo config is invalid");
  const config = parsed.config;
  const now = stage.clock.now();
  const period = resolvePeriod("quarter", now, config.timezone);
  if (!period.ok) throw new Error(period.error);
  const port = stagePort(stage);
  const report = buildReport(
    await gatherReportInput(port, config, period.period, now.getTime()),
    REPO,
  );
  const markdown = renderMarkdown(report);
  const issue = await publishReportIssue(port, {
    periodKey: report.period.key,
    title: `Maintenance report: ${report.period.label}`,
    body: markdown,
    label: config.report.label,
  });
  await stage.settle();
  mkdirSync(outDir, { recursive: true });
  const page = join(outDir, "report.html");
  writeFileSync(page, renderHtml(report));
  stage.say(`${report.period.label} so far, posted as #${issue.number}; HTML page: ${page}`);
  for (const row of report.sla.filter((entry) => entry.issues > 0)) {
    stage.say(
      `   ${row.severity}: ${row.issues} issue(s), response on time ${share(row.response.onTime)}, resolution on time ${share(row.resolution.onTime)}`,
    );
  }
  const incidents = report.incidents;
  stage.say(
    `   incidents: ${incidents.total} (${incidents.bySeverity.critical} critical, ${incidents.bySeverity.major} major); downtime: ${incidents.downtime.map((row) => `${row.probe} ${Math.round(row.downtimeMs / 60_000)} min`).join(", ") || "none"}`,
  );
  stage.say(
    `   RCAs: ${report.rcas.opened} opened, ${report.rcas.open + report.rcas.overdue} still open; security windows: ${report.securityWindows.opened} opened, ${report.securityWindows.doneOnTime} closed in window, ${report.securityWindows.doneLate} closed late, ${report.securityWindows.overdue} breached and open`,
  );
}

function share(value: number | null): string {
  return value === null ? "–" : `${Math.round(value * 100)}%`;
}
