// Loads .github/upkeep.yml for a delivery with the loader every face shares (the org's `.github`
// repository as fallback, `_extends` of the same owner's Upkeep files), through the GitHub port.
// A bad file never stops Upkeep: the problem is reported once (app/config-report.ts) and the
// event is handled with defaults.
import type { Context } from "probot";
import type { ConfigRepo } from "../core/config/extends.ts";
import { CONFIG_PATH } from "../core/config/parse.ts";
import { OctokitGitHub, type OctokitLike } from "../github/octokit-port.ts";
import type { GitHubPort } from "../github/port.ts";
import { type LoadedConfig, loadUpkeepConfig } from "../github/upkeep-config.ts";

export type { LoadedConfig };

/** Reads and validates the config for the event's repository. */
export function loadAppConfig(context: Context, github: GitHubPort): Promise<LoadedConfig> {
  return loadRepoConfig(context.octokit as unknown as OctokitLike, github);
}

/** The same for any repository of the installation (the installation events have several). */
export function loadRepoConfig(octokit: OctokitLike, github: GitHubPort): Promise<LoadedConfig> {
  const readRepoFile = (repo: ConfigRepo) =>
    sameRepo(repo, github.repo)
      ? github.readFile(CONFIG_PATH)
      : new OctokitGitHub(octokit, repo).readFile(CONFIG_PATH);
  return loadUpkeepConfig({ repo: github.repo, readRepoFile });
}

function sameRepo(a: ConfigRepo, b: ConfigRepo): boolean {
  return `${a.owner}/${a.repo}`.toLowerCase() === `${b.owner}/${b.repo}`.toLowerCase();
}
