// The SAST action: scan the checkout with the rule pack, write SARIF (for
// github/codeql-action/upload-sarif) and a JSON report, summarise, annotate new findings on
// changed lines, hand serious findings to security-window issues, and fail on the threshold.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import * as core from "@actions/core";
import type { UpkeepConfig } from "../../core/config/schema.ts";
import type { SastConfig } from "../../core/sast/config.ts";
import type { Finding } from "../../core/sast/finding.ts";
import { activeFindings, failingFindings, scanExitCode } from "../../core/sast/policy.ts";
import { countBySeverity, formatJson, formatSummary } from "../../core/sast/report.ts";
import { buildSastSarif } from "../../core/sast/sarif.ts";
import { runScan, type ScanReport } from "../../core/sast/scan/run-scan.ts";
import { sastTrackingFindings } from "../../core/sast/security-windows.ts";
import { isFindingSeverity } from "../../core/sast/severity.ts";
import { systemClock } from "../../core/time/clock.ts";
import { reconcileSecurityWindows } from "../../github/tracking/security-windows.ts";
import { loadActionConfig } from "../config.ts";
import { actionGitHub } from "../github-port.ts";
import { type ChangedLines, changedLines } from "./changed-lines.ts";

declare const UPKEEP_VERSION: string | undefined;
const VERSION = typeof UPKEEP_VERSION === "string" ? UPKEEP_VERSION : "0.0.0-dev";
/** GitHub shows only so many annotations per step; the rest are in the summary and SARIF. */
const MAX_ANNOTATIONS = 50;

function flag(name: string, fallback: boolean): boolean {
  const value = core.getInput(name).trim().toLowerCase();
  return value === "" ? fallback : value === "true";
}

function withInputs(sast: SastConfig): SastConfig {
  const failOn = core.getInput("fail-on").trim().toLowerCase();
  if (failOn && failOn !== "none" && !isFindingSeverity(failOn))
    throw new Error(`fail-on must be one of critical, high, medium, low, none, not "${failOn}"`);
  return {
    ...sast,
    ...(failOn ? { failOn: failOn as SastConfig["failOn"] } : {}),
    snyk: flag("snyk", false) || sast.snyk,
  };
}

function annotationLevel(finding: Finding): "error" | "warning" | "notice" {
  if (finding.severity === "critical" || finding.severity === "high") return "error";
  return finding.severity === "medium" ? "warning" : "notice";
}

/** On a pull request, only lines it changed; elsewhere (or without a diff) every new finding. */
function annotate(findings: Finding[], changed: ChangedLines | undefined): void {
  const candidates = activeFindings(findings).filter((finding) => {
    if (!changed) return true;
    const lines = changed.get(finding.path);
    return lines?.has(finding.startLine) === true;
  });
  for (const finding of candidates.slice(0, MAX_ANNOTATIONS)) {
    const properties = {
      title: `${finding.severity} ${finding.ruleId}`,
      file: finding.path,
      startLine: finding.startLine,
      endLine: finding.endLine,
    };
    const level = annotationLevel(finding);
    if (level === "error") core.error(finding.message, properties);
    else if (level === "warning") core.warning(finding.message, properties);
    else core.notice(finding.message, properties);
  }
  if (candidates.length > MAX_ANNOTATIONS)
    core.info(
      `${candidates.length - MAX_ANNOTATIONS} more finding(s) are in the summary and SARIF`,
    );
}

function pullRequestDiff(root: string): ChangedLines | undefined {
  if (!process.env.GITHUB_EVENT_PATH || !/^pull_request/.test(process.env.GITHUB_EVENT_NAME ?? ""))
    return undefined;
  const event = JSON.parse(readFileSync(process.env.GITHUB_EVENT_PATH, "utf8"));
  const base = event.pull_request?.base?.sha;
  const head = event.pull_request?.head?.sha;
  if (!base || !head) return undefined;
  const lines = changedLines(root, base, head);
  if (!lines)
    core.info(
      "could not diff the pull request (fetch-depth: 0 helps); annotating every new finding",
    );
  return lines;
}

function writeText(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

function setOutputs(
  report: ScanReport,
  failing: number,
  files: { sarif: string; report: string },
): void {
  const active = activeFindings(report.findings);
  const counts = countBySeverity(active);
  core.setOutput(
    "findings",
    String(report.findings.filter((finding) => !finding.suppression).length),
  );
  core.setOutput("new-findings", String(active.length));
  core.setOutput("failing", String(failing));
  for (const severity of ["critical", "high", "medium", "low"] as const)
    core.setOutput(severity, String(counts[severity]));
  core.setOutput("incomplete", String(report.incomplete));
  core.setOutput("sarif-file", files.sarif);
  core.setOutput("report-file", files.report);
}

async function track(
  config: UpkeepConfig,
  sast: SastConfig,
  report: ScanReport,
  token: string,
): Promise<void> {
  if (!flag("track", true) || sast.trackOn === "none" || !config.tracking.securityWindows.enabled)
    return;
  const findings = sastTrackingFindings(
    report.findings,
    report.rules,
    sast.trackOn,
    systemClock.now(),
  );
  // Only a complete scan may close windows of findings it no longer sees.
  const result = await reconcileSecurityWindows(
    actionGitHub(token),
    findings,
    config,
    systemClock,
    {
      completeSources: report.incomplete ? [] : ["upkeep-sast"],
      warn: (message) => core.warning(message),
    },
  );
  core.info(
    `security windows: created ${result.created.length}, updated ${result.updated.length}, closed ${result.closed.length}`,
  );
}

async function main(): Promise<void> {
  const token = core.getInput("token");
  const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
  // Paths in findings, SARIF and annotations are relative to the workspace (the repository root,
  // as code scanning expects), so a `path` input narrows what is scanned, not where paths start.
  const root = workspace;
  const config = await loadActionConfig(
    token ? actionGitHub(token) : undefined,
    core.getInput("config") || undefined,
  );
  if (!config) return;
  const only = core.getInput("path").trim();
  const sast = { ...withInputs(config.sast), ...(only && only !== "." ? { paths: [only] } : {}) };
  if (process.env.SNYK_TOKEN) core.setSecret(process.env.SNYK_TOKEN);
  const rules = core
    .getMultilineInput("rules")
    .flatMap((line) => line.split(","))
    .map((rule) => rule.trim())
    .filter(Boolean);
  const jobs = Number(core.getInput("jobs") || "0");
  const report = await runScan({
    root,
    config: sast,
    ruleDirs: rules.map((path) => resolve(workspace, path)),
    ...(core.getInput("baseline")
      ? { baseline: resolve(workspace, core.getInput("baseline")) }
      : {}),
    ...(jobs > 0 ? { jobs } : {}),
    today: systemClock.now(),
  });
  const failing = failingFindings(report.findings, sast.failOn);
  const out = process.env.RUNNER_TEMP || root;
  const files = {
    sarif: resolve(workspace, core.getInput("sarif-file") || join(out, "upkeep-sast.sarif")),
    report: resolve(workspace, core.getInput("report-file") || join(out, "upkeep-sast.json")),
  };
  writeText(files.sarif, `${JSON.stringify(buildSastSarif(report, VERSION), null, 2)}\n`);
  writeText(files.report, formatJson(report, sast.failOn));
  setOutputs(report, failing.length, files);
  if (flag("annotate", true)) annotate(report.findings, pullRequestDiff(workspace));
  for (const problem of report.problems)
    core.warning(problem.message, {
      title: `SAST ${problem.level}: ${problem.subject}`,
      ...(problem.line ? { startLine: problem.line } : {}),
    });
  const server = process.env.GITHUB_SERVER_URL ?? "https://github.com";
  const sha = process.env.GITHUB_SHA;
  const blobUrl =
    sha && process.env.GITHUB_REPOSITORY
      ? `${server}/${process.env.GITHUB_REPOSITORY}/blob/${sha}`
      : undefined;
  await core.summary
    .addRaw(formatSummary(report, { failing: failing.length, ...(blobUrl ? { blobUrl } : {}) }))
    .write();
  if (token) await track(config, sast, report, token);
  const exit = scanExitCode(failing.length, report.incomplete);
  if (exit === 1)
    core.setFailed(`${failing.length} new finding(s) at or above ${sast.failOn} (sast.failOn)`);
  else if (exit === 3)
    core.setFailed(
      `SAST scan incomplete: ${report.problems.filter((p) => p.level === "error").length} problem(s); see the summary`,
    );
}

main().catch((error: unknown) => {
  core.setFailed(error instanceof Error ? error.message : String(error));
});
