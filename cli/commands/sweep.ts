// `upkeep sweep --repo OWNER/NAME`: the App's periodic sweep on demand, with a token: every
// capability's reconciler (triage, SLA and escalation, RCA, security windows, check-ins) over the
// issues that can need it. A previous report makes it read only what changed since.
import { writeFileSync } from "node:fs";
import { parse, resolve } from "node:path";
import { parseArgs } from "node:util";
import { formatConfigProblem } from "../../core/config/errors.ts";
import type { UpkeepConfig } from "../../core/config/schema.ts";
import { readLocalFile } from "../../fs/local-file.ts";
import { createClient } from "../../github/client.ts";
import { tokenLogin } from "../../github/identity.ts";
import { OctokitGitHub, type OctokitLike } from "../../github/octokit-port.ts";
import {
  describeSweep,
  type FullSweepReport,
  monthStart,
  sweepRepositoryFully,
} from "../../github/sweep/repository.ts";
import { type CliCommand, type CliIo, EXIT, UsageError } from "../command.ts";
import { loadLocalConfig, loadRemoteConfig } from "../config.ts";

export const sweepCommand: CliCommand = {
  name: "sweep",
  summary:
    "Run the App's sweep on a repository now: triage, SLA, escalation, RCA, windows, check-ins",
  usage:
    "upkeep sweep --repo OWNER/NAME [--config FILE] [--previous REPORT.json] [--report OUT.json]\n" +
    "             [--now ISO] [--max-reads N] [--json]\n" +
    "  reads GITHUB_TOKEN (or GH_TOKEN) and GITHUB_API_URL (default https://api.github.com);\n" +
    "  UPKEEP_BOT_LOGIN names the identity whose comments Upkeep may edit (default: the token's user)",
  async run(args, io) {
    const options = parseOptions(args);
    const token = io.env.GITHUB_TOKEN ?? io.env.GH_TOKEN;
    if (!token) throw new UsageError("sweep needs a token in GITHUB_TOKEN or GH_TOKEN");
    const now = options.now === undefined ? Date.now() : Date.parse(options.now);
    if (!Number.isFinite(now)) throw new UsageError(`--now "${options.now}" is not an ISO time`);
    const [owner, repo] = options.repo.split("/") as [string, string];
    const octokit = createClient({
      token,
      baseUrl: io.env.GITHUB_API_URL,
    }) as unknown as OctokitLike;
    const github = new OctokitGitHub(
      octokit,
      { owner, repo },
      { botLogin: await tokenLogin(octokit, io.env) },
    );
    const config = await loadConfig(github, token, options.config, io);
    if (config === undefined) return EXIT.usage;
    const report = await sweepRepositoryFully(github, config, {
      now,
      previous: await readPrevious(options.previous, io),
      maxReads: options.maxReads,
      periodStart: monthStart(now),
      warn: (message) => io.stderr(`warning: ${message}\n`),
    });
    if (options.report)
      writeFileSync(resolve(io.cwd, options.report), `${JSON.stringify(report, null, 2)}\n`);
    io.stdout(options.json ? `${JSON.stringify(report, null, 2)}\n` : `${describeSweep(report)}\n`);
    return EXIT.ok;
  },
};

const SWEEP_OPTIONS = {
  repo: { type: "string" },
  config: { type: "string" },
  previous: { type: "string" },
  report: { type: "string" },
  now: { type: "string" },
  "max-reads": { type: "string" },
  json: { type: "boolean" },
} as const;

function parseOptions(args: string[]) {
  let values: ReturnType<typeof parseArgs<{ options: typeof SWEEP_OPTIONS }>>["values"];
  try {
    values = parseArgs({ args, allowPositionals: false, options: SWEEP_OPTIONS }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (!values.repo || !/^[\w.-]+\/[\w.-]+$/.test(values.repo))
    throw new UsageError(
      `--repo OWNER/NAME is required${values.repo ? `; got "${values.repo}"` : ""}`,
    );
  const maxReads = values["max-reads"] === undefined ? 300 : Number(values["max-reads"]);
  if (!Number.isInteger(maxReads) || maxReads < 0)
    throw new UsageError(`--max-reads must be a whole number, got "${values["max-reads"]}"`);
  return { ...values, repo: values.repo, maxReads };
}

async function loadConfig(
  github: OctokitGitHub,
  token: string,
  file: string | undefined,
  io: CliIo,
): Promise<UpkeepConfig | undefined> {
  // The same loader as the App: a local file when named, else the repository's own (with `_extends`).
  const result = file
    ? await loadLocalConfig(io, file, { required: true })
    : await loadRemoteConfig(io, token, github.repo);
  if (result.ok) return result.config;
  for (const problem of result.problems) io.stderr(`${formatConfigProblem(problem)}\n`);
  return undefined;
}

/** The previous report is a hint: unreadable means "read everything". Only a regular file is read. */
async function readPrevious(
  path: string | undefined,
  io: CliIo,
): Promise<FullSweepReport | undefined> {
  if (!path) return undefined;
  const full = resolve(io.cwd, path);
  const file = await readLocalFile(parse(full).root, full);
  if (file.kind === "missing") return undefined;
  try {
    if (file.kind === "text") {
      const report = JSON.parse(file.text) as FullSweepReport;
      if (report.version === 1 && typeof report.generatedAt === "string") return report;
    }
  } catch {
    // fall through
  }
  io.stderr(`warning: ${path} is not a previous sweep report; reading everything\n`);
  return undefined;
}
