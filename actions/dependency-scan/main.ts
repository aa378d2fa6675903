// The dependency-scan action: collect lockfiles, fetch (or reuse) the offline OSV database, scan,
// then write the SARIF log and JSON report, the job summary, annotations and outputs, and hand
// findings at or above the configured severity to the security-window tracking issues.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import * as core from "@actions/core";
import type { UpkeepConfig } from "../../core/config/schema.ts";
import type { DepsConfig } from "../../core/deps/config.ts";
import { collectPackages } from "../../core/deps/lockfiles/collect.ts";
import type { Ecosystem } from "../../core/deps/package.ts";
import { renderSummary, toJsonReport } from "../../core/deps/report.ts";
import { toSarif } from "../../core/deps/sarif-report.ts";
import type { ScanProblem, ScanResult } from "../../core/deps/scan.ts";
import { scanRepository } from "../../core/deps/scan-repository.ts";
import { trackingFindings } from "../../core/deps/security-windows.ts";
import { runSnyk } from "../../core/deps/snyk-run.ts";
import { systemClock } from "../../core/time/clock.ts";
import { reconcileSecurityWindows } from "../../github/tracking/security-windows.ts";
import { loadActionConfig } from "../config.ts";
import { actionGitHub } from "../github-port.ts";
import { downloadDatabases } from "./download.ts";

declare const UPKEEP_VERSION: string | undefined;
const TOOL = {
  name: "upkeep",
  version: typeof UPKEEP_VERSION === "string" ? UPKEEP_VERSION : "0.0.0-dev",
  informationUri: "https://github.com/upkeep-dev/upkeep",
};

/** A boolean input; empty means the action.yml default, which a runner fills in but a test may not. */
function flag(name: string, fallback = false): boolean {
  const value = core.getInput(name).trim().toLowerCase();
  return value === "" ? fallback : value === "true";
}

function withInputs(deps: DepsConfig): DepsConfig {
  const failOn = core.getInput("fail-on").trim().toLowerCase();
  const allowed = ["critical", "high", "medium", "low", "any", "none"];
  if (failOn && !allowed.includes(failOn))
    throw new Error(`fail-on must be one of ${allowed.join(", ")}, not "${failOn}"`);
  return {
    ...deps,
    ...(failOn ? { failOn: failOn as DepsConfig["failOn"] } : {}),
    includeDev: flag("include-dev") || deps.includeDev,
    onlyNew: flag("only-new") || deps.onlyNew,
    snyk: { ...deps.snyk, enabled: flag("snyk") || deps.snyk.enabled },
  };
}

async function prepareDatabase(
  root: string,
  deps: DepsConfig,
  problems: ScanProblem[],
  ecosystems: Ecosystem[],
) {
  const given = core.getInput("database").trim();
  if (given) return isAbsolute(given) ? given : resolve(root, given);
  if (deps.sources.database || !flag("download-database", true)) return undefined;
  const dir = join(process.env.RUNNER_TOOL_CACHE || process.env.RUNNER_TEMP || root, "upkeep-osv");
  const report = await downloadDatabases(ecosystems, dir, {
    baseUrl: core.getInput("osv-bucket-url"),
  });
  core.info(
    `OSV database in ${dir}: fetched ${report.fetched.join(", ") || "none"}, unchanged ${report.unchanged.join(", ") || "none"}`,
  );
  for (const failure of report.failed) {
    const message = `could not refresh the ${failure.ecosystem} OSV database: ${failure.message}`;
    if (failure.stale) core.warning(`${message}; using the cached copy`);
    else problems.push({ kind: "source", file: `${failure.ecosystem}/all.zip`, message });
  }
  return existsSync(dir) ? dir : undefined;
}

function annotate(result: ScanResult): void {
  for (const finding of result.policy.failing) {
    const line = finding.locations[0]?.line;
    core.error(
      `${finding.name} ${finding.version} is affected by ${finding.id}${finding.fixedIn ? `; fixed in ${finding.fixedIn}` : ""}`,
      {
        title: `${finding.severity.level} vulnerability ${finding.id}`,
        file: finding.file,
        ...(line ? { startLine: line } : {}),
      },
    );
  }
  for (const problem of result.problems) {
    core.warning(problem.message, {
      title: `dependency scan ${problem.kind} problem`,
      file: problem.file,
      ...(problem.line ? { startLine: problem.line } : {}),
    });
  }
}

function setOutputs(result: ScanResult, sarifFile: string, reportFile: string): void {
  const { counts } = result;
  core.setOutput("findings", String(counts.findings));
  core.setOutput("failing", String(counts.failing));
  core.setOutput("ignored", String(counts.ignored));
  for (const level of ["critical", "high", "medium", "low", "unknown"] as const)
    core.setOutput(level, String(counts.bySeverity[level]));
  core.setOutput("incomplete", String(result.incomplete));
  core.setOutput("sarif-file", sarifFile);
  core.setOutput("report-file", reportFile);
  core.setOutput(
    "database-hash",
    result.databases.map((database) => database.contentHash).join(","),
  );
}

function writeJson(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

async function track(
  config: UpkeepConfig,
  deps: DepsConfig,
  result: ScanResult,
  token: string,
): Promise<void> {
  if (!flag("track", true) || !deps.track.enabled || !config.tracking.securityWindows.enabled)
    return;
  const findings = trackingFindings(result, deps, systemClock.now());
  // Only a complete scan may close windows of findings it no longer sees.
  const report = await reconcileSecurityWindows(
    actionGitHub(token),
    findings as never,
    config,
    systemClock,
    {
      completeSources: result.incomplete ? [] : ["upkeep-deps"],
      warn: (message) => core.warning(message),
    },
  );
  core.info(
    `security windows: created ${report.created.length}, updated ${report.updated.length}, closed ${report.closed.length}`,
  );
}

async function main(): Promise<void> {
  const token = core.getInput("token");
  const root = resolve(process.env.GITHUB_WORKSPACE ?? process.cwd(), core.getInput("path") || ".");
  const config = await loadActionConfig(
    token ? actionGitHub(token) : undefined,
    core.getInput("config") || undefined,
  );
  if (!config) return;
  const deps = withInputs(config.deps);
  const problems: ScanProblem[] = [];
  const collected = await collectPackages(root, { exclude: deps.exclude });
  const ecosystems = [...new Set(collected.packages.map((pkg) => pkg.ecosystem))];
  const database = await prepareDatabase(root, deps, problems, ecosystems);
  const snykToken = process.env.SNYK_TOKEN ?? "";
  if (snykToken) core.setSecret(snykToken);
  const snyk =
    deps.snyk.enabled && snykToken
      ? await runSnyk({
          command: deps.snyk.command,
          args: deps.snyk.args,
          cwd: root,
          token: snykToken,
        })
      : undefined;
  const result = await scanRepository({
    root,
    config: deps,
    now: systemClock.now(),
    collected,
    problems,
    ...(database ? { database } : {}),
    ...(core.getInput("baseline") ? { baseline: resolve(root, core.getInput("baseline")) } : {}),
    ...(snyk ? { snyk } : {}),
    ...(token && deps.sources.github ? { github: actionGitHub(token) } : {}),
  });
  // Output files are relative to the workspace, like every other path a workflow step names.
  const workspace = resolve(process.env.GITHUB_WORKSPACE ?? process.cwd());
  const out = process.env.RUNNER_TEMP || workspace;
  const sarifFile = resolve(
    workspace,
    core.getInput("sarif-file") || join(out, "upkeep-deps.sarif"),
  );
  const reportFile = resolve(
    workspace,
    core.getInput("report-file") || join(out, "upkeep-deps.json"),
  );
  const prefix = relative(workspace, root).split(sep).join("/");
  writeJson(sarifFile, toSarif(result, TOOL, prefix.startsWith("..") ? "" : prefix));
  writeJson(
    reportFile,
    toJsonReport(result, { name: TOOL.name, version: TOOL.version }, systemClock.now()),
  );
  setOutputs(result, sarifFile, reportFile);
  annotate(result);
  await core.summary.addRaw(renderSummary(result)).write();
  if (token) await track(config, deps, result, token);
  if (result.exitCode === 3)
    core.setFailed(
      `dependency scan incomplete: ${result.problems.length} problem(s); see the summary`,
    );
  else if (result.exitCode === 1)
    core.setFailed(
      `${result.counts.failing} finding(s) fail the gate (deps.failOn: ${deps.failOn})`,
    );
}

main().catch((error: unknown) => {
  core.setFailed(error instanceof Error ? error.message : String(error));
});
