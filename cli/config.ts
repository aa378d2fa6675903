// The CLI's config: the local file, read like every file a flag names, then the loader all faces
// share. With a token (GITHUB_TOKEN or GH_TOKEN) and a known repository it follows `_extends`
// and the organisation's `.github` repository as the App does; without, it says what it skipped.
import { dirname, parse, resolve } from "node:path";
import type { ConfigProblem } from "../core/config/errors.ts";
import type { ConfigRepo } from "../core/config/extends.ts";
import { CONFIG_BUDGET, CONFIG_PATH, type ConfigResult } from "../core/config/parse.ts";
import { parseRepositoryUrl } from "../core/release-notes/links.ts";
import { readLocalFile } from "../fs/local-file.ts";
import { remoteUrl } from "../git/repository.ts";
import { createClient } from "../github/client.ts";
import { OctokitGitHub, type OctokitLike } from "../github/octokit-port.ts";
import { loadUpkeepConfig } from "../github/upkeep-config.ts";
import type { CliIo } from "./command.ts";
import { repositoryRootOf } from "./files.ts";

/**
 * Loads `path` (absolute, or relative to the working directory). `root` is the repository it
 * belongs to (for its GitHub remote): by default the one holding the file's `.github` folder.
 */
export async function loadLocalConfig(
  io: CliIo,
  path: string,
  options: { required?: boolean; root?: string; shownAs?: string } = {},
): Promise<ConfigResult> {
  const full = resolve(io.cwd, path);
  const root = options.root ?? repositoryRootOf(configRoot(full, io.cwd));
  // The file itself is named by a flag or the default; what it names stays inside `root`.
  const file = await readLocalFile(parse(full).root, full, {
    maxBytes: 4 * CONFIG_BUDGET.maxBytes,
    shownAs: options.shownAs ?? path,
  });
  const shown = options.shownAs ?? path;
  if (file.kind === "refused") return problem(shown, file.message);
  if (file.kind === "missing" && options.required) return problem(shown, "no such file");
  const text = file.kind === "text" ? file.text : undefined;
  const token = io.env.GITHUB_TOKEN || io.env.GH_TOKEN;
  const wantsRemote = token !== undefined && (text === undefined || text.includes("_extends"));
  const repo = wantsRemote || text?.includes("_extends") ? await repositoryOf(io, root) : undefined;
  const loaded = await loadUpkeepConfig({
    repo,
    local: { text, file: options.shownAs ?? path },
    readRepoFile: token && repo ? forgiving(remoteReader(token, io.env), io) : undefined,
  });
  for (const note of loaded.notes) io.stderr(`upkeep: ${note}\n`);
  return loaded.ok ? { ok: true, config: loaded.config } : { ok: false, problems: loaded.problems };
}

/** A config under .github/ sits one level below the root its paths are relative to. */
export function configRoot(configPath: string, cwd: string): string {
  const folder = dirname(configPath);
  return folder.endsWith(".github") ? dirname(folder) : cwd;
}

function problem(file: string, message: string): ConfigResult {
  const found: ConfigProblem = { file, path: "", message };
  return { ok: false, problems: [found] };
}

async function repositoryOf(io: CliIo, root: string): Promise<ConfigRepo | undefined> {
  const named = io.env.GITHUB_REPOSITORY?.match(/^([\w.-]+)\/([\w.-]+)$/);
  if (named) return { owner: named[1]!, repo: named[2]! };
  const parsed = parseRepositoryUrl(await remoteUrl(root).catch(() => undefined));
  return parsed ? { owner: parsed.owner, repo: parsed.repo } : undefined;
}

/**
 * For a local run GitHub is extra: when it cannot be reached or refuses (a CI token without access
 * to the organisation's `.github`), say so and go on as if that file did not exist.
 */
function forgiving(
  read: ReturnType<typeof remoteReader>,
  io: CliIo,
): ReturnType<typeof remoteReader> {
  return async (repo) => {
    try {
      return await read(repo);
    } catch (error) {
      const status = (error as { status?: number }).status;
      const why = status ? `GitHub answered ${status}` : (error as Error).message;
      io.stderr(
        `upkeep: cannot read ${repo.owner}/${repo.repo}:${CONFIG_PATH} (${why}); not used\n`,
      );
      return undefined;
    }
  };
}

function remoteReader(token: string, env: NodeJS.ProcessEnv) {
  const client = createClient({ token, baseUrl: env.GITHUB_API_URL || undefined });
  return (repo: ConfigRepo) =>
    new OctokitGitHub(client as unknown as OctokitLike, repo).readFile(CONFIG_PATH);
}

/** The config of a repository on GitHub, as the App would load it (`--repo` modes). */
export async function loadRemoteConfig(
  io: CliIo,
  token: string,
  repo: ConfigRepo,
): Promise<ConfigResult> {
  const loaded = await loadUpkeepConfig({ repo, readRepoFile: remoteReader(token, io.env) });
  for (const note of loaded.notes) io.stderr(`upkeep: ${note}\n`);
  return loaded.ok ? { ok: true, config: loaded.config } : { ok: false, problems: loaded.problems };
}
