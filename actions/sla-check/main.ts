// The SLA check action: a scheduled sweep that keeps SLA labels, status comments and escalations
// current for every open issue with a severity, and reports what it found.
import { writeFileSync } from "node:fs";
import { parse, resolve } from "node:path";
import * as core from "@actions/core";
import { DateTime } from "luxon";
import { formatConfigProblem } from "../../core/config/errors.ts";
import type { SweepReport } from "../../core/sla/sweep.ts";
import { sweepRepository } from "../../core/sla/sweep.ts";
import { loadSlaSettings, newSlaRun } from "../../core/sla/sync.ts";
import { parseDuration } from "../../core/time/duration.ts";
import { resolverFrom } from "../../core/tracking/sla-calendars.ts";
import { readLocalFile } from "../../fs/local-file.ts";
import { sweepTracking } from "../../github/tracking/sweep.ts";
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
  if (!config.sla.enabled) {
    core.info("sla.enabled is false in the config; nothing to do");
    return;
  }
  const { settings, problems } = await loadSlaSettings(github, config);
  if (problems.length > 0) {
    for (const problem of problems)
      core.error(formatConfigProblem(problem), { file: problem.file, startLine: problem.line });
    core.setFailed("the SLA calendars cannot be built; see the annotations");
    return;
  }
  const now = currentTime(core.getInput("now"));
  const run = newSlaRun(github, settings, wholeNumber("comment-budget", 60));
  const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
  const previousPath = core.getInput("previous-report");
  const report = await sweepRepository(run, {
    now,
    previous: await readPrevious(previousPath ? resolve(workspace, previousPath) : ""),
    maxReads: wholeNumber("max-reads", 300),
    periodStart: periodStart(core.getInput("period") || "month", now, config.timezone),
  });
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
  // The same sweep keeps the tracking issues' deadlines: RCA reminders, security-window labels, escalations.
  const tracking = await sweepTracking(
    github,
    config,
    { now: () => new Date(now) },
    {
      calendars: resolverFrom(settings.calendars),
      warn: (message) => core.warning(message),
    },
  );
  core.setOutput("rca-reminders", String(tracking.rcaReminders.length));
  core.setOutput("windows-escalated", String(tracking.escalated.length));
  core.info(
    `tracking: ${tracking.rcaReminders.length} RCA reminder(s), ${tracking.windows.updated.length} security window(s) updated, ${tracking.escalated.length} escalated`,
  );
  await writeSweepSummary(report);
}

main().catch((error: unknown) => core.setFailed(`sla-check failed: ${(error as Error).message}`));
