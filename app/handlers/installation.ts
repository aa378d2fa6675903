// installation.created / installation_repositories.added: create the triage labels in every
// repository Upkeep was given, using each repository's own config.

import deepmerge from "deepmerge";
import type { Context } from "probot";
import { CONFIG_PATH, validateConfigObject } from "../../core/config/parse.ts";
import { defaultConfig, type UpkeepConfig } from "../../core/config/schema.ts";
import { createMissingLabels } from "../../core/triage/reconcile.ts";
import { OctokitGitHub, type OctokitLike } from "../../github/octokit-port.ts";
import type { RepoRef } from "../../github/port.ts";
import { replaceArrays } from "../config.ts";
import { defineHandler, type HandlerLog } from "../handler.ts";

export const installationLabelsHandler = defineHandler({
  name: "install-labels",
  events: ["installation.created", "installation_repositories.added"],
  async handle({ context, payload, log }) {
    const repositories =
      "repositories_added" in payload ? payload.repositories_added : (payload.repositories ?? []);
    const owner = payload.installation.account
      ? "login" in payload.installation.account
        ? payload.installation.account.login
        : payload.installation.account.slug
      : "";
    for (const repository of repositories) {
      const [repoOwner, repo] = repository.full_name.includes("/")
        ? (repository.full_name.split("/") as [string, string])
        : [owner, repository.name];
      await labelRepository(context as Context, { owner: repoOwner, repo }, log);
    }
  },
});

async function labelRepository(
  context: Context,
  repo: { owner: string; repo: string },
  log: HandlerLog,
) {
  const github = new OctokitGitHub(context.octokit as unknown as OctokitLike, repo);
  try {
    const config = await repositoryConfig(context.octokit, repo);
    const created = await createMissingLabels(github, config.triage);
    log.info({ repo, created }, "created triage labels");
  } catch (error) {
    // One repository failing (archived, removed meanwhile) must not stop the others.
    log.error({ repo, err: error }, "could not create triage labels");
  }
}

/**
 * The repository's config, read like every other event's (default branch, the organisation's
 * `.github` repository, `_extends`); a bad file is reported on the repository's first issue event.
 */
export async function repositoryConfig(
  octokit: Context["octokit"],
  repo: RepoRef,
): Promise<UpkeepConfig> {
  const { config } = await octokit.config.get({
    ...repo,
    path: CONFIG_PATH,
    defaults: (configs) =>
      deepmerge.all([{}, ...configs], replaceArrays) as (typeof configs)[number],
  });
  const result = validateConfigObject(config);
  return result.ok ? result.config : defaultConfig();
}
