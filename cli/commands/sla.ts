// `upkeep sla`: SLA state of issues, from a JSON export (--issues) or live from GitHub (--repo).
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { formatConfigProblem } from "../../core/config/errors.ts";
import { CONFIG_PATH } from "../../core/config/parse.ts";
import { assessIssue, type SlaSettings } from "../../core/sla/plan.ts";
import { buildCalendars, severityFromLabels } from "../../core/sla/policy.ts";
import { formatTable, reportEntry, type SlaReportEntry } from "../../core/sla/report.ts";
import { parseIssuesFile } from "../../core/sla/rest-input.ts";
import { loadSlaSettings, newSlaRun, readSnapshot } from "../../core/sla/sync.ts";
import { createClient } from "../../github/client.ts";
import { tokenLogin } from "../../github/identity.ts";
import { OctokitGitHub, type OctokitLike } from "../../github/octokit-port.ts";
import { type CliCommand, type CliIo, EXIT, UsageError } from "../command.ts";
import { configRoot, loadLocalConfig, loadRemoteConfig } from "../config.ts";
import { readFlagFile, readIcsFiles, repositoryRootOf } from "../files.ts";

export const slaCommand: CliCommand = {
  name: "sla",
  summary: "Show SLA states (response, resolution) of issues from a JSON export or a repository",
  usage:
    "upkeep sla (--issues FILE.json | --repo OWNER/NAME) [--now ISO] [--config FILE] [--json]\n" +
    "  --repo reads GITHUB_TOKEN (or GH_TOKEN) and GITHUB_API_URL (default https://api.github.com)",
  async run(args, io) {
    const options = parseOptions(args);
    const now = options.now === undefined ? Date.now() : Date.parse(options.now);
    if (!Number.isFinite(now)) throw new UsageError(`--now "${options.now}" is not an ISO time`);
    const entries = options.issues
      ? await fromFile(options.issues, options.config, now, io)
      : await fromRepo(options.repo!, options.config, now, io);
    if (typeof entries === "number") return entries;
    io.stdout(options.json ? `${JSON.stringify(entries, null, 2)}\n` : formatTable(entries));
    return EXIT.ok;
  },
};

function parseOptions(args: string[]) {
  let values: ReturnType<typeof parse>["values"];
  try {
    values = parse(args).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (!values.issues === !values.repo)
    throw new UsageError("give one of --issues FILE.json or --repo OWNER/NAME");
  if (values.repo && !/^[\w.-]+\/[\w.-]+$/.test(values.repo)) {
    throw new UsageError(`--repo "${values.repo}" is not OWNER/NAME`);
  }
  return values;
}

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: false,
    options: {
      issues: { type: "string" },
      repo: { type: "string" },
      now: { type: "string" },
      config: { type: "string" },
      json: { type: "boolean", default: false },
    },
  });
}

function printProblems(io: CliIo, problems: string[]): number {
  for (const problem of problems) io.stderr(`${problem}\n`);
  return EXIT.usage;
}

/** Config and calendars from local files; ICS paths are relative to the repository root. */
async function localSettings(
  configFile: string | undefined,
  io: CliIo,
): Promise<SlaSettings | number> {
  const file = configFile ?? CONFIG_PATH;
  const loaded = await loadLocalConfig(io, file, { required: configFile !== undefined });
  if (!loaded.ok) return printProblems(io, loaded.problems.map(formatConfigProblem));
  const root = repositoryRootOf(configRoot(resolve(io.cwd, file), io.cwd));
  const files = await readIcsFiles(loaded.config, root, io);
  const { calendars, problems } = buildCalendars(loaded.config.sla, files, file);
  if (problems.length > 0) return printProblems(io, problems.map(formatConfigProblem));
  return { config: loaded.config, calendars };
}

async function fromFile(file: string, configFile: string | undefined, now: number, io: CliIo) {
  const settings = await localSettings(configFile, io);
  if (typeof settings === "number") return settings;
  const text = await readFlagFile(io, "--issues", file);
  const parsed = parseIssuesFile(text, file);
  if (!parsed.ok) return printProblems(io, parsed.problems);
  return parsed.snapshots.map((snapshot) =>
    reportEntry(snapshot.issue.number, assessIssue(snapshot, settings, now)),
  );
}

async function fromRepo(
  fullName: string,
  configFile: string | undefined,
  now: number,
  io: CliIo,
): Promise<SlaReportEntry[] | number> {
  const token = io.env.GITHUB_TOKEN ?? io.env.GH_TOKEN;
  if (!token) throw new UsageError("--repo needs a token in GITHUB_TOKEN or GH_TOKEN");
  const [owner, repo] = fullName.split("/") as [string, string];
  const client = createClient({ token, baseUrl: io.env.GITHUB_API_URL });
  const octokit = client as unknown as OctokitLike;
  const botLogin = await tokenLogin(octokit, io.env);
  const github = new OctokitGitHub(octokit, { owner, repo }, { botLogin });
  let settings: SlaSettings | number;
  if (configFile !== undefined) {
    settings = await localSettings(configFile, io);
  } else {
    settings = await remoteSettings(github, token, io);
  }
  if (typeof settings === "number") return settings;
  const run = newSlaRun(github, settings);
  const entries: SlaReportEntry[] = [];
  for await (const issue of github.listIssues({ state: "open" })) {
    if (issue.isPullRequest || !severityFromLabels(issue.labels, settings.config.triage)) continue;
    const snapshot = await readSnapshot(run, issue);
    entries.push(reportEntry(issue.number, assessIssue(snapshot, settings, now)));
  }
  return entries.sort((a, b) => a.number - b.number);
}

async function remoteSettings(github: OctokitGitHub, token: string, io: CliIo) {
  const parsed = await loadRemoteConfig(io, token, github.repo);
  if (!parsed.ok) return printProblems(io, parsed.problems.map(formatConfigProblem));
  const config = parsed.config;
  const { settings, problems } = await loadSlaSettings(github, config);
  if (problems.length > 0) return printProblems(io, problems.map(formatConfigProblem));
  return settings;
}
