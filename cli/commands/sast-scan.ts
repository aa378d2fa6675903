// `upkeep sast scan [PATH]`: the SAST rule engine on a local checkout, with the action's
// policy and exit codes: 0 clean, 1 findings fail the threshold, 2 usage/config error,
// 3 incomplete (a file, rule, baseline or Snyk could not be handled).
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { formatConfigProblem } from "../../core/config/errors.ts";
import { CONFIG_PATH } from "../../core/config/parse.ts";
import { failingFindings, scanExitCode } from "../../core/sast/policy.ts";
import { formatJson, formatTable } from "../../core/sast/report.ts";
import { buildSastSarif } from "../../core/sast/sarif.ts";
import { runScan } from "../../core/sast/scan/run-scan.ts";
import { isFindingSeverity } from "../../core/sast/severity.ts";
import { type CliCommand, EXIT, UsageError } from "../command.ts";
import { loadLocalConfig } from "../config.ts";

declare const UPKEEP_VERSION: string | undefined;

const FORMATS = ["table", "json", "sarif"];

export const sastScanCommand: CliCommand = {
  name: "sast scan",
  summary: "Scan source code and workflows with the SAST rule pack",
  usage: [
    "upkeep sast scan [PATH] [--format table|json|sarif] [--rules DIR] [--baseline FILE] [--fail-on SEVERITY]",
    "                 [--output FILE] [--jobs N] [--config FILE] [--snyk]",
    "  PATH        directory to scan (default .)",
    "  --format    table (default), json (Upkeep report) or sarif (SARIF 2.1.0)",
    "  --rules     extra rule file or folder (repeatable)",
    "  --baseline  an earlier SARIF or JSON report; only findings not in it fail",
    "  --fail-on   critical|high|medium|low|none (default: sast.failOn, high)",
    "  --output    write the report to FILE instead of stdout",
    "  --jobs      worker threads (default: available cores)",
    "  --snyk      merge `snyk code test --sarif` (needs the snyk CLI and SNYK_TOKEN)",
    `  --config    config file (default PATH/${CONFIG_PATH})`,
    "Exit codes: 0 clean, 1 findings fail the threshold, 2 usage or config error, 3 scan incomplete",
  ].join("\n"),
  async run(args, io) {
    const options = parseOptions(args);
    const root = resolve(io.cwd, options.path);
    if (!isDirectory(root)) throw new UsageError(`${options.path}: not a directory`);
    const configFile = options.config ? resolve(io.cwd, options.config) : join(root, CONFIG_PATH);
    const loaded = await loadLocalConfig(io, configFile, {
      required: options.config !== undefined,
      root: options.config ? undefined : root,
    });
    if (!loaded.ok) {
      for (const problem of loaded.problems) io.stderr(`${formatConfigProblem(problem)}\n`);
      return EXIT.usage;
    }
    const config = {
      ...loaded.config.sast,
      ...(options.failOn ? { failOn: options.failOn } : {}),
      ...(options.snyk ? { snyk: true } : {}),
    };
    const report = await runScan({
      root,
      config,
      ruleDirs: options.rules.map((dir) => resolve(io.cwd, dir)),
      ...(options.baseline ? { baseline: resolve(io.cwd, options.baseline) } : {}),
      ...(options.jobs ? { jobs: options.jobs } : {}),
      today: new Date(),
      env: io.env,
    });
    const failing = failingFindings(report.findings, config.failOn);
    const text =
      options.format === "json"
        ? formatJson(report, config.failOn)
        : options.format === "sarif"
          ? `${JSON.stringify(buildSastSarif(report, toolVersion()), null, 2)}\n`
          : formatTable(report);
    if (options.output) writeFileSync(resolve(io.cwd, options.output), text);
    else io.stdout(text);
    if (options.format !== "table" || options.output) {
      for (const problem of report.problems)
        io.stderr(
          `${problem.level}: ${problem.subject}${problem.line ? `:${problem.line}` : ""}: ${problem.message}\n`,
        );
      io.stderr(
        `${failing.length} finding(s) at or above ${config.failOn}${report.incomplete ? "; scan incomplete" : ""}\n`,
      );
    }
    return scanExitCode(failing.length, report.incomplete);
  },
};

interface ScanOptions {
  path: string;
  format: string;
  rules: string[];
  baseline?: string;
  failOn?: "critical" | "high" | "medium" | "low" | "none";
  output?: string;
  jobs?: number;
  config?: string;
  snyk: boolean;
}

function parseOptions(args: string[]): ScanOptions {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new UsageError("give at most one PATH");
  const format = values.format ?? "table";
  if (!FORMATS.includes(format))
    throw new UsageError(`--format must be one of ${FORMATS.join(", ")}, not "${format}"`);
  const failOn = values["fail-on"]?.toLowerCase();
  if (failOn !== undefined && failOn !== "none" && !isFindingSeverity(failOn))
    throw new UsageError(
      `--fail-on must be one of critical, high, medium, low, none, not "${failOn}"`,
    );
  const jobs = values.jobs === undefined ? undefined : Number(values.jobs);
  if (jobs !== undefined && (!Number.isInteger(jobs) || jobs < 1))
    throw new UsageError("--jobs must be a positive whole number");
  return {
    path: positionals[0] ?? ".",
    format,
    rules: values.rules ?? [],
    baseline: values.baseline,
    failOn: failOn as ScanOptions["failOn"],
    output: values.output,
    jobs,
    config: values.config,
    snyk: values.snyk ?? false,
  };
}

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: "string" },
      rules: { type: "string", multiple: true },
      baseline: { type: "string" },
      "fail-on": { type: "string" },
      output: { type: "string" },
      jobs: { type: "string" },
      config: { type: "string" },
      snyk: { type: "boolean" },
    },
  });
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function toolVersion(): string {
  if (typeof UPKEEP_VERSION === "string") return UPKEEP_VERSION;
  const manifest = new URL("../../package.json", import.meta.url);
  return JSON.parse(readFileSync(manifest, "utf8")).version;
}
