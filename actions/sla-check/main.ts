// The SLA check action: the scheduled sweep, the same one the App runs (github/sweep/repository.ts):
// triage, SLA labels, status comments and escalations, RCAs, security windows and check-ins, and
// a report of every open issue's SLA, which the next run reads to skip what did not change.
import { writeFileSync } from "node:fs";
import { parse, resolve } from "node:path";
import * as core from "@actions/core";
import { DateTime } from "luxon";
import { formatConfigProblem } from "../../core/config/errors.ts";
import type { SweepReport } from "../../core/sla/sweep.ts";
import { loadSlaSettings } from "../../core/sla/sync.ts";
import { parseDuration } from "../../core/time/duration.ts";
import { readLocalFile } from "../../fs/local-file.ts";
import { sweepRepositoryFully } from "../../github/sweep/repository.ts";
import { loadActionConfig } from "../config.ts";
import { actionGitHub } from "../github-port.ts";
import { writeSweepSummary } from "./summary.ts";

/** A whole-number input; empty means the default that action.yml documents. */
function wholeNumber(name: string, fallback: number): number {
  const text = core.getInput(name);
  if (text === "") return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`input ${name} must be a whole number, got "${text}"`);
  }
  return value;
}

function periodStart(period: string, now: number, timezone: string): number {
  if (period === "month" || period === "week") {
    return DateTime.fromMillis(now, { zone: timezone }).startOf(period).toMillis();
  }
  const ms = parseDuration(period);
  if (ms === undefined)
    throw new Error(
      `input period must be "month", "week" or a duration such as "30d", got "${period}"`,
    );
  return now - ms;
}

function currentTime(input: string): number {
  if (!input) return Date.now();
  const at = Date.parse(input);
  if (!Number.isFinite(at)) throw new Error(`input now must be an ISO 8601 time, got "${input}"`);
  return at;
}

/** The previous report is only a hint: an unreadable one means "read everything". */
async function readPrevious(path: string): Promise<SweepReport | undefined> {
  if (!path) return undefined;
  // The workflow names this file (restored from a cache): it may be anywhere, but only a regular
  // file is read, so a FIFO left in its place cannot hang the step.
  const file = await readLocalFile(parse(path).root, path);
  if (file.kind === "missing") return undefined;
  try {
    if (file.kind === "text") {
      const report = JSON.parse(file.text) as SweepReport;
      if (report.version === 1 && Array.isArray(report.issues)) return report;
    }
  } catch {
    // fall through
  }
  core.warning(`${path} is not a previous SLA report; reading every issue this run`);
  return undefined;
}

async function main(): Promise<void> {
  const github = actionGitHub(core.getInput("token", { required: true }));
  const config = await loadActionConfig(github, core.getInput("config") || undefined);
  if (!config) return;
  const { problems } = await loadSlaSettings(github, config);
  if (config.sla.enabled && problems.length > 0) {
    for (const problem of problems)
      core.error(formatConfigProblem(problem), { file: problem.file, startLine: problem.line });
    core.setFailed("the SLA calendars cannot be built; see the annotations");
    return;
  }
  const now = currentTime(core.getInput("now"));
  const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
  const previousPath = core.getInput("previous-report");
  const previous = await readPrevious(previousPath ? resolve(workspace, previousPath) : "");
  // The App's full sweep: triage, SLA and escalation, RCAs, security windows, check-ins.
  const swept = await sweepRepositoryFully(github, config, {
    now,
    previous: previous ? { generatedAt: previous.generatedAt, sla: previous } : undefined,
    maxReads: wholeNumber("max-reads", 300),
    commentBudget: wholeNumber("comment-budget", 60),
    periodStart: periodStart(core.getInput("period") || "month", now, config.timezone),
    warn: (message) => core.warning(message),
  });
  core.setOutput("triaged", swept.triaged.join(","));
  core.setOutput("rca-opened", swept.rca.join(","));
  const { tracking } = swept;
  core.setOutput("rca-reminders", String(tracking.rcaReminders.length));
  core.setOutput("windows-escalated", String(tracking.escalated.length));
  core.info(
    `sweep: ${swept.triaged.length} issue(s) triaged, ${swept.rca.length} RCA(s) opened or updated, ${swept.checkins.length} check-in(s) opened`,
  );
  core.info(
    `tracking: ${tracking.rcaReminders.length} RCA reminder(s), ${tracking.windows.updated.length} security window(s) updated, ${tracking.escalated.length} escalated`,
  );
  const report = swept.sla;
  if (!report) {
    core.info("sla.enabled is false in the config; no SLA report");
    return;
  }
  const reportPath = resolve(workspace, core.getInput("report") || "sla-report.json");
  writeFileSync(reportPath, `${JSON.stringify(report, null, 2)}\n`);
  const atRisk = report.counts.reduce((sum, row) => sum + row.atRisk, 0);
  core.setOutput("breached-count", String(report.breachedCount));
  core.setOutput("at-risk-count", String(atRisk));
  core.setOutput("deferred-count", String(report.deferred.length));
  core.setOutput("report", reportPath);
  core.info(
    `sla-check: ${report.issues.length} open issue(s) with an SLA, ${report.breachedCount} breached, ${atRisk} at risk; ${report.reads} timeline(s) read, ${report.deferred.length} deferred`,
  );
  await writeSweepSummary(report);
}

main().catch((error: unknown) => core.setFailed(`sla-check failed: ${(error as Error).message}`));
