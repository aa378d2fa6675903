// The maintenance-report action: SLA compliance, incidents, RCAs, security windows, check-ins and
// releases for a period, as an issue (one per period), a self-contained HTML page and JSON.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import * as core from "@actions/core";
import { resolvePeriod } from "../../core/report/period.ts";
import { renderHtml } from "../../core/report/render-html.ts";
import { renderMarkdown } from "../../core/report/render-markdown.ts";
import { buildReport } from "../../core/report/report.ts";
import { loadActionConfig } from "../config.ts";
import { actionGitHub } from "../github-port.ts";
import { gatherReportInput } from "./gather.ts";
import { publishReportIssue } from "./publish.ts";

async function main(): Promise<void> {
  const port = actionGitHub(core.getInput("token", { required: true }));
  const config = await loadActionConfig(port, core.getInput("config") || undefined);
  if (!config) return;
  const now = new Date();
  const period = resolvePeriod(
    core.getInput("period") || config.report.period,
    now,
    config.timezone,
    core.getInput("to") || undefined,
  );
  if (!period.ok) return core.setFailed(period.error);
  const input = await gatherReportInput(port, config, period.period, now.getTime());
  const report = buildReport(input, `${port.repo.owner}/${port.repo.repo}`);
  const markdown = renderMarkdown(report);

  const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
  const htmlPath = resolve(workspace, core.getInput("html-path") || "upkeep-report/index.html");
  const jsonPath = resolve(workspace, core.getInput("json-path") || "upkeep-report/report.json");
  for (const [path, text] of [
    [htmlPath, renderHtml(report)],
    [jsonPath, `${JSON.stringify(report, null, 2)}\n`],
  ] as const) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
  core.setOutput("html", htmlPath);
  core.setOutput("json", jsonPath);
  core.setOutput("period", report.period.key);

  if (core.getBooleanInput("post-issue")) {
    const issue = await publishReportIssue(port, {
      periodKey: report.period.key,
      title: `Maintenance report: ${report.period.label}`,
      body: markdown,
      label: config.report.label,
    });
    core.setOutput("issue", String(issue.number));
  }
  await core.summary.addRaw(markdown.replace(/^<!--.*-->\n/, ""), true).write();
}

main().catch((error: Error) => core.setFailed(error.message));
