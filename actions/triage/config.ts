// The triage action's config: like every action it reads the checkout or the API, but a bad file
// does not stop triage: the problems become annotations at their lines and the defaults apply.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as core from "@actions/core";
import { formatConfigProblem } from "../../core/config/errors.ts";
import { CONFIG_PATH, parseConfigText } from "../../core/config/parse.ts";
import { defaultConfig, type UpkeepConfig } from "../../core/config/schema.ts";
import type { GitHubPort } from "../../github/port.ts";

export async function loadTriageConfig(
  github: GitHubPort,
  path = CONFIG_PATH,
): Promise<{ config: UpkeepConfig; valid: boolean }> {
  const local = join(process.env.GITHUB_WORKSPACE ?? process.cwd(), path);
  const text = existsSync(local) ? readFileSync(local, "utf8") : await readThroughApi(github, path);
  if (text === undefined) return { config: defaultConfig(), valid: true };
  const result = parseConfigText(text, path);
  if (result.ok) return { config: result.config, valid: true };
  for (const problem of result.problems) {
    core.error(formatConfigProblem(problem), {
      title: "Invalid Upkeep config",
      file: problem.file,
      startLine: problem.line,
      startColumn: problem.column,
    });
  }
  return { config: defaultConfig(), valid: false };
}

/** A token without `contents: read` on a private repository cannot see the file: use defaults. */
async function readThroughApi(github: GitHubPort, path: string): Promise<string | undefined> {
  try {
    return await github.readFile(path);
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status !== 403 && status !== 401) throw error;
    core.warning(
      `cannot read ${path} (HTTP ${status}); grant \`contents: read\` to use it. Using the defaults.`,
    );
    return undefined;
  }
}
