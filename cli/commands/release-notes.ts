// `upkeep release-notes`: the next release's notes from a local checkout — from the latest release
// tag reachable from HEAD (or --from) to HEAD (or --to) — as Markdown, JSON, or into CHANGELOG.md.
import { readFile, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { formatConfigProblem } from "../../core/config/errors.ts";
import { CONFIG_PATH } from "../../core/config/parse.ts";
import { prependSection } from "../../core/release-notes/changelog-file.ts";
import type { GitCommit } from "../../core/release-notes/commit.ts";
import type { ReleaseNotesConfig } from "../../core/release-notes/config.ts";
import { type ReleasePlan, releaseContext } from "../../core/release-notes/release.ts";
import { loginsOf } from "../../git/commit-logins.ts";
import { changelogOf, planHistory } from "../../git/history-source.ts";
import { GitError } from "../../git/process.ts";
import {
  bodiesFromFile,
  bodiesFromGitHub,
  firstOf,
  type PullRequestBodies,
  PullRequestsFileError,
} from "../../git/pull-request-bodies.ts";
import { planLocalRelease, ReleaseInputError, repositoryOf } from "../../git/release-source.ts";
import { isRepository } from "../../git/repository.ts";
import { createClient } from "../../github/client.ts";
import { OctokitGitHub } from "../../github/octokit-port.ts";
import { type CliCommand, type CliIo, EXIT, UsageError } from "../command.ts";
import { loadLocalConfig } from "../config.ts";

const USAGE = `upkeep release-notes [--repo DIR] [--from REF] [--to REF] [--tag-prefix P] [--format markdown|json]
                            [--changelog FILE] [--notes changelog|patch|enhancement] [--prerelease CHANNEL]
                            [--all] [--date YYYY-MM-DD] [--config FILE] [--offline]
                            [--pull-requests FILE.json]
  With GITHUB_TOKEN set, contributors are shown by their GitHub handles (--offline: git names only)
  and, for the next release, pull request descriptions are read for BEGIN_COMMIT_OVERRIDE blocks.
  --pull-requests gives those descriptions offline: [{ "number": 123, "body": "…" }].`;

type Args = ReturnType<typeof parse>["values"];

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: false,
    options: {
      repo: { type: "string" },
      from: { type: "string" },
      to: { type: "string" },
      "tag-prefix": { type: "string" },
      format: { type: "string", default: "markdown" },
      changelog: { type: "string" },
      notes: { type: "string", default: "changelog" },
      prerelease: { type: "string" },
      all: { type: "boolean", default: false },
      date: { type: "string" },
      offline: { type: "boolean", default: false },
      config: { type: "string" },
      "pull-requests": { type: "string" },
    },
  });
}

export const releaseNotesCommand: CliCommand = {
  name: "release-notes",
  summary:
    "Next version and release notes from conventional commits (Markdown, JSON or CHANGELOG.md)",
  usage: USAGE,
  async run(rawArgs, io) {
    const args = checked(rawArgs);
    const cwd = resolve(io.cwd, args.repo ?? ".");
    if (!(await isRepository(cwd))) {
      io.stderr(`upkeep release-notes: ${cwd} is not a git repository\n`);
      return EXIT.usage;
    }
    const config = await loadReleaseConfig(cwd, args, io);
    if (!config) return EXIT.usage;
    try {
      const file = args["pull-requests"];
      const fromFile = file ? await bodiesFromFile(resolve(io.cwd, file), file) : undefined;
      return args.all
        ? await writeHistory(cwd, config, args, io, fromFile)
        : await writeRelease(cwd, config, args, io, fromFile);
    } catch (error) {
      if (error instanceof PullRequestsFileError) throw new UsageError(error.message);
      if (error instanceof ReleaseInputError || error instanceof GitError) {
        io.stderr(`upkeep release-notes: ${error.message}\n`);
        // A ref or overrides file the user gave is bad input; git itself failing is not.
        return error instanceof ReleaseInputError ? EXIT.usage : EXIT.incomplete;
      }
      throw error;
    }
  },
};

function checked(rawArgs: string[]): Args {
  let values: Args;
  try {
    values = parse(rawArgs).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (!["markdown", "json"].includes(values.format ?? ""))
    throw new UsageError(`--format must be markdown or json, not "${values.format}"`);
  if (!["changelog", "patch", "enhancement"].includes(values.notes ?? ""))
    throw new UsageError(`--notes must be changelog, patch or enhancement, not "${values.notes}"`);
  if (values.date && !/^\d{4}-\d{2}-\d{2}$/.test(values.date))
    throw new UsageError(`--date must look like 2025-01-31, not "${values.date}"`);
  if (values.all && values.from)
    throw new UsageError("--all covers every release; leave out --from");
  return values;
}

async function loadReleaseConfig(
  cwd: string,
  args: Args,
  io: CliIo,
): Promise<ReleaseNotesConfig | undefined> {
  const file = args.config ?? CONFIG_PATH;
  const result = await loadLocalConfig({ ...io, cwd }, file, {
    required: args.config !== undefined,
  });
  if (!result.ok) {
    for (const problem of result.problems) io.stderr(`${formatConfigProblem(problem)}\n`);
    return undefined;
  }
  const config = result.config.releaseNotes;
  return args["tag-prefix"] === undefined ? config : { ...config, tagPrefix: args["tag-prefix"] };
}

function today(args: Args): string {
  return args.date ?? new Date().toISOString().slice(0, 10);
}

async function writeRelease(
  cwd: string,
  config: ReleaseNotesConfig,
  args: Args,
  io: CliIo,
  fromFile?: PullRequestBodies,
): Promise<number> {
  const port = await githubPort(cwd, config, args, io);
  const plan = await planLocalRelease({
    cwd,
    config,
    from: args.from,
    to: args.to,
    channel: args.prerelease,
    today: today(args),
    logins: port ? githubLogins(port, io) : undefined,
    pullRequestBodies:
      fromFile || port
        ? firstOf(
            fromFile,
            port && bodiesFromGitHub(port, (message) => io.stderr(`warning: ${message}\n`)),
          )
        : undefined,
  });
  for (const warning of plan.warnings)
    io.stderr(`warning: ${warning.hash.slice(0, 7)}: ${warning.message}\n`);
  if (!plan.version) {
    io.stderr(
      `upkeep release-notes: nothing to release since ${plan.previousTag ?? "the first commit"} (no feat, fix, perf or breaking change)\n`,
    );
    if (args.format === "json")
      io.stdout(`${JSON.stringify(releaseContext(plan, config), null, 2)}\n`);
    return EXIT.ok;
  }
  if (args.changelog) await prependToFile(resolve(cwd, args.changelog), plan, io, args.changelog);
  if (args.format === "json")
    io.stdout(`${JSON.stringify(releaseContext(plan, config), null, 2)}\n`);
  else io.stdout(renderingOf(plan, args.notes));
  return EXIT.ok;
}

/** With GITHUB_TOKEN set (and not --offline), the repository on GitHub; else git alone. */
async function githubPort(cwd: string, config: ReleaseNotesConfig, args: Args, io: CliIo) {
  const token = io.env.GITHUB_TOKEN || io.env.GH_TOKEN;
  if (!token || args.offline) return undefined;
  const repository = await repositoryOf(cwd, config);
  if (!repository) return undefined;
  const baseUrl =
    io.env.GITHUB_API_URL ??
    (repository.host === "https://github.com"
      ? "https://api.github.com"
      : `${repository.host}/api/v3`);
  return new OctokitGitHub(createClient({ token, baseUrl, maxRetries: 2 }), repository);
}

/** Contributors get their GitHub handles; git alone gives their names. */
function githubLogins(port: OctokitGitHub, io: CliIo) {
  return async (commits: GitCommit[]) => {
    try {
      return await loginsOf(port, commits);
    } catch (error) {
      io.stderr(
        `warning: GitHub handles unavailable (${(error as Error).message}); using git names\n`,
      );
      return new Map<string, string>();
    }
  };
}

function renderingOf(plan: ReleasePlan, notes: string | undefined): string {
  if (notes === "patch") return plan.patchNotes;
  if (notes === "enhancement") return plan.enhancementNotes;
  return plan.markdown;
}

async function prependToFile(
  path: string,
  plan: ReleasePlan,
  io: CliIo,
  shown: string,
): Promise<void> {
  const existing = await readFile(path, "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw error;
  });
  const updated = prependSection(existing, plan.markdown, plan.version as string);
  if (updated === existing) return;
  await writeFile(path, updated);
  io.stderr(`${shown}: wrote the ${plan.version} section\n`);
}

async function writeHistory(
  cwd: string,
  config: ReleaseNotesConfig,
  args: Args,
  io: CliIo,
  fromFile?: PullRequestBodies,
): Promise<number> {
  // A whole history would cost one API request per pull request: descriptions come from a file only.
  const plans = await planHistory({
    cwd,
    config,
    to: args.to,
    today: today(args),
    pullRequestBodies: fromFile,
  });
  if (args.format === "json") {
    io.stdout(
      `${JSON.stringify(
        plans.map((plan) => releaseContext(plan, config)),
        null,
        2,
      )}\n`,
    );
    return EXIT.ok;
  }
  const changelog = changelogOf(plans);
  if (args.changelog) {
    await writeFile(resolve(cwd, args.changelog), changelog);
    io.stderr(`${args.changelog}: wrote ${plans.length} releases\n`);
  } else io.stdout(changelog);
  return EXIT.ok;
}
