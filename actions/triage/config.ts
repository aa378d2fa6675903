// The triage action's config: read like every action's (actions/config.ts), but a bad file does
// not stop triage: the problems become annotations at their lines and the defaults apply.
import * as core from "@actions/core";
import { CONFIG_PATH } from "../../core/config/parse.ts";
import type { UpkeepConfig } from "../../core/config/schema.ts";
import type { GitHubPort } from "../../github/port.ts";
import { readActionConfig } from "../config.ts";

export async function loadTriageConfig(
  github: GitHubPort,
  path = CONFIG_PATH,
): Promise<{ config: UpkeepConfig; valid: boolean }> {
  try {
    const loaded = await readActionConfig(github, path);
    return { config: loaded.config, valid: loaded.ok };
  } catch (error) {
    // A token without `contents: read` on a private repository cannot see the file: use defaults.
    const status = (error as { status?: number }).status;
    if (status !== 403 && status !== 401) throw error;
    core.warning(
      `cannot read ${path} (HTTP ${status}); grant \`contents: read\` to use it. Using the defaults.`,
    );
    const loaded = await readActionConfig(undefined, path);
    return { config: loaded.config, valid: loaded.ok };
  }
}
