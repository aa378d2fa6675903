// Config for an action: from the checkout when there is one, otherwise through the API.
// A bad file fails the step with annotations at the offending lines.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as core from "@actions/core";
import { formatConfigProblem } from "../core/config/errors.ts";
import { CONFIG_PATH, parseConfigText } from "../core/config/parse.ts";
import { defaultConfig, type UpkeepConfig } from "../core/config/schema.ts";
import type { GitHubPort } from "../github/port.ts";

export async function loadActionConfig(
  port: GitHubPort | undefined,
  path = CONFIG_PATH,
): Promise<UpkeepConfig | undefined> {
  const local = join(process.env.GITHUB_WORKSPACE ?? process.cwd(), path);
  let text: string | undefined;
  if (existsSync(local)) text = readFileSync(local, "utf8");
  else if (port) text = await port.readFile(path);
  if (text === undefined) return defaultConfig();
  const result = parseConfigText(text, path);
  if (result.ok) return result.config;
  for (const problem of result.problems) {
    core.error(formatConfigProblem(problem), {
      file: problem.file,
      startLine: problem.line,
      startColumn: problem.column,
    });
  }
  core.setFailed(`${path} is invalid (${result.problems.length} problem(s)); see the annotations`);
  return undefined;
}
