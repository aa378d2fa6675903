// `upkeep deps scan [PATH]`: lockfiles × advisories on a local checkout, with the same policy,
// reports and exit codes as the action. Exit 0 clean, 1 failing findings, 2 usage or config error,
// 3 incomplete (a lockfile, record or source could not be read).
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { formatConfigProblem } from "../../core/config/errors.ts";
import { CONFIG_PATH } from "../../core/config/parse.ts";
import type { DepsConfig } from "../../core/deps/config.ts";
import { renderTable, toJsonReport } from "../../core/deps/report.ts";
import { toSarif } from "../../core/deps/sarif-report.ts";
import { scanRepository } from "../../core/deps/scan-repository.ts";
import { runSnyk } from "../../core/deps/snyk-run.ts";
import { createClient } from "../../github/client.ts";
import { OctokitGitHub } from "../../github/octokit-port.ts";
import { type CliCommand, type CliIo, EXIT, UsageError } from "../command.ts";
import { loadLocalConfig } from "../config.ts";

declare const UPKEEP_VERSION: string | undefined;

const FORMATS = ["table", "json", "sarif"] as const;
const FAIL_ON = ["critical", "high", "medium", "low", "any", "none"] as const;

interface ScanArgs {
  target: string;
  db?: string;
  format: (typeof FORMATS)[number];
  failOn?: DepsConfig["failOn"];
  includeDev: boolean;
  baseline?: string;
  onlyNew: boolean;
  osvApi: boolean;
  config?: string;
}

export const depsScanCommand: CliCommand = {
  name: "deps scan",
  summary: "Scan lockfiles for known vulnerabilities (OSV offline database, OSV API)",
  usage: [
    "upkeep deps scan [PATH] [--db DIR|ZIP] [--format table|json|sarif] [--fail-on SEVERITY] [--include-dev]",
    "                 [--baseline FILE] [--only-new] [--osv-api] [--config FILE]",
    "  PATH           a directory to walk (default .) or a single lockfile",
    "  --db           offline OSV database: a directory of OSV files, <ecosystem>/all.zip folders, or one all.zip",
    "  --format       table (default), json (Upkeep report) or sarif (SARIF 2.1.0)",
    "  --fail-on      critical|high|medium|low|any|none (default: deps.failOn, high)",
    "  --include-dev  let development-only dependencies fail the scan",
    "  --baseline     an earlier SARIF or JSON report; with --only-new only new findings fail",
    "  --osv-api      also ask api.osv.dev",
    `  --config       config file (default PATH/${CONFIG_PATH})`,
    "Exit codes: 0 clean, 1 findings fail the gate, 2 usage or config error, 3 scan incomplete",
  ].join("\n"),
  async run(args, io) {
    const options = parseArgs(args);
    const target = resolve(io.cwd, options.target);
    const root = statOrThrow(target).isDirectory() ? target : dirname(target);
    if (options.db && !existsSync(resolve(io.cwd, options.db))) {
      throw new UsageError(`--db ${options.db}: no such file or directory`);
    }
    const repoRoot = repositoryRoot(root);
    const configFile = options.config
      ? resolve(io.cwd, options.config)
      : join(repoRoot, CONFIG_PATH);
    const loaded = await loadLocalConfig(io, configFile, {
      required: options.config !== undefined,
      root: options.config ? undefined : repoRoot,
    });
    if (!loaded.ok) {
      for (const problem of loaded.problems) io.stderr(`${formatConfigProblem(problem)}\n`);
      return EXIT.usage;
    }
    const config = withFlags(loaded.config.deps, options);
    const githubToken = io.env.GITHUB_TOKEN ?? io.env.GH_TOKEN ?? "";
    const token = io.env.SNYK_TOKEN ?? "";
    const snyk =
      config.snyk.enabled && token
        ? await runSnyk({
            command: config.snyk.command,
            args: config.snyk.args,
            cwd: root,
            token,
            env: io.env,
          })
        : undefined;
    const result = await scanRepository({
      root,
      config,
      now: new Date(),
      env: io.env,
      ...(options.db ? { database: resolve(io.cwd, options.db) } : {}),
      ...(root !== target ? { files: [relative(root, target)] } : {}),
      ...(options.baseline ? { baseline: resolve(io.cwd, options.baseline) } : {}),
      ...(snyk ? { snyk } : {}),
      ...(config.sources.github && githubToken
        ? { github: githubReader(githubToken, io.env) }
        : {}),
    });
    const tool = { name: "upkeep", version: toolVersion() };
    if (options.format === "table") io.stdout(renderTable(result));
    else if (options.format === "json")
      io.stdout(`${JSON.stringify(toJsonReport(result, tool, new Date()), null, 2)}\n`);
    else {
      // SARIF paths are relative to the repository, wherever in it the scan started.
      const prefix = relative(repoRoot, root).split(sep).join("/");
      io.stdout(`${JSON.stringify(toSarif(result, tool, prefix), null, 2)}\n`);
    }
    if (options.format !== "table") reportProblems(result.problems, io);
    return result.exitCode;
  },
};

function reportProblems(
  problems: { file: string; line?: number; message: string }[],
  io: CliIo,
): void {
  for (const problem of problems) {
    io.stderr(`${problem.file}${problem.line ? `:${problem.line}` : ""}: ${problem.message}\n`);
  }
  if (problems.length > 0) io.stderr("scan incomplete: findings may be missing\n");
}

function withFlags(config: DepsConfig, options: ScanArgs): DepsConfig {
  return {
    ...config,
    ...(options.failOn ? { failOn: options.failOn } : {}),
    includeDev: options.includeDev || config.includeDev,
    onlyNew: options.onlyNew || config.onlyNew,
    sources: { ...config.sources, osvApi: options.osvApi || config.sources.osvApi },
  };
}

function parseArgs(args: string[]): ScanArgs {
  const parsed: ScanArgs = {
    target: ".",
    format: "table",
    includeDev: false,
    onlyNew: false,
    osvApi: false,
  };
  const paths: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const [flag, inline] = splitFlag(args[index] as string);
    const value = () => inline ?? valueAfter(args, ++index, flag);
    if (flag === "--db") parsed.db = value();
    else if (flag === "--format") parsed.format = oneOf(flag, value(), FORMATS);
    else if (flag === "--fail-on") parsed.failOn = oneOf(flag, value().toLowerCase(), FAIL_ON);
    else if (flag === "--include-dev") parsed.includeDev = true;
    else if (flag === "--baseline") parsed.baseline = value();
    else if (flag === "--only-new") parsed.onlyNew = true;
    else if (flag === "--osv-api") parsed.osvApi = true;
    else if (flag === "--config") parsed.config = value();
    else if (flag.startsWith("-")) throw new UsageError(`unknown option ${flag}`);
    else paths.push(flag);
  }
  if (paths.length > 1) throw new UsageError("give at most one PATH");
  parsed.target = paths[0] ?? ".";
  return parsed;
}

function splitFlag(arg: string): [string, string | undefined] {
  const at = arg.indexOf("=");
  return arg.startsWith("--") && at > 0 ? [arg.slice(0, at), arg.slice(at + 1)] : [arg, undefined];
}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(", ")}, not "${value}"`);
}

function valueAfter(args: string[], index: number, option: string): string {
  const value = args[index];
  if (value === undefined) throw new UsageError(`${option} needs a value`);
  return value;
}

/** The nearest directory at or above `start` holding .git or the Upkeep config; else `start`. */
function repositoryRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, ".git")) || existsSync(join(dir, CONFIG_PATH))) return dir;
    if (dirname(dir) === dir) return start;
  }
}

function statOrThrow(path: string) {
  try {
    return statSync(path);
  } catch {
    throw new UsageError(`${path}: no such file or directory`);
  }
}

/** GitHub's advisories need only a token; the repository in the port is not used by them. */
function githubReader(token: string, env: NodeJS.ProcessEnv): OctokitGitHub {
  const baseUrl = env.GITHUB_API_URL || "https://api.github.com";
  return new OctokitGitHub(createClient({ token, baseUrl }), { owner: "", repo: "" });
}

function toolVersion(): string {
  if (typeof UPKEEP_VERSION === "string") return UPKEEP_VERSION;
  const manifest = new URL("../../package.json", import.meta.url);
  return JSON.parse(readFileSync(manifest, "utf8")).version;
}
