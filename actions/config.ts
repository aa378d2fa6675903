// Config for an action, with the loader every face shares: the checkout's file when there is one
// (a regular file inside the workspace), otherwise the repository's through the API; then the
// organisation's `.github` repository and `_extends` of the same owner, read with the step's token.
import * as core from "@actions/core";
import { type ConfigProblem, formatConfigProblem } from "../core/config/errors.ts";
import type { ConfigRepo } from "../core/config/extends.ts";
import { CONFIG_BUDGET, CONFIG_PATH } from "../core/config/parse.ts";
import { defaultConfig, type UpkeepConfig } from "../core/config/schema.ts";
import { readLocalFile } from "../fs/local-file.ts";
import type { GitHubPort } from "../github/port.ts";
import { type LoadedConfig, loadUpkeepConfig } from "../github/upkeep-config.ts";
import { actionGitHub } from "./github-port.ts";

/** The loaded config; `ok: false` carries the defaults and the problems, already annotated. */
export async function readActionConfig(
  port: GitHubPort | undefined,
  path = CONFIG_PATH,
): Promise<LoadedConfig> {
  const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
  const local = await readLocalFile(workspace, path, { maxBytes: 4 * CONFIG_BUDGET.maxBytes });
  if (local.kind === "refused") {
    return annotated({
      ok: false,
      config: defaultConfig(),
      problems: [{ file: path, path: "", message: local.message }],
      notes: [],
    });
  }
  const loaded = await loadUpkeepConfig({
    repo: port?.repo,
    local: local.kind === "text" ? { text: local.text, file: path } : undefined,
    readRepoFile: port ? reader(port, path) : undefined,
  });
  for (const note of loaded.notes) core.info(note);
  return annotated(loaded);
}

/** For the actions a bad file stops: annotations at the lines, then the step fails. */
export async function loadActionConfig(
  port: GitHubPort | undefined,
  path = CONFIG_PATH,
): Promise<UpkeepConfig | undefined> {
  const loaded = await readActionConfig(port, path);
  if (loaded.ok) return loaded.config;
  core.setFailed(`${path} is invalid (${loaded.problems.length} problem(s)); see the annotations`);
  return undefined;
}

/** The repository's own file at `path`; other repositories' Upkeep file with the same token. */
function reader(port: GitHubPort, path: string) {
  return (repo: ConfigRepo): Promise<string | undefined> => {
    if (
      `${repo.owner}/${repo.repo}`.toLowerCase() ===
      `${port.repo.owner}/${port.repo.repo}`.toLowerCase()
    )
      return port.readFile(path);
    const token = core.getInput("token") || process.env.GITHUB_TOKEN || "";
    return actionGitHub(token, repo).readFile(CONFIG_PATH);
  };
}

function annotated(loaded: LoadedConfig): LoadedConfig {
  if (!loaded.ok) for (const problem of loaded.problems) annotate(problem);
  return loaded;
}

function annotate(problem: ConfigProblem): void {
  core.error(formatConfigProblem(problem), {
    title: "Invalid Upkeep config",
    file: problem.file,
    startLine: problem.line,
    startColumn: problem.column,
  });
}
