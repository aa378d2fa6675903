// The root action's entry: runs the action named by the `job` input, as if it had been used directly.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as core from "@actions/core";
import { parse } from "yaml";

const here = dirname(fileURLToPath(import.meta.url));
const actionsDir = join(here, "..", "actions");

async function main(): Promise<void> {
  const job = core.getInput("job", { required: true }).trim();
  const manifestPath = join(actionsDir, job, "action.yml");
  if (!/^[a-z][a-z0-9-]*$/.test(job) || !existsSync(manifestPath)) {
    core.setFailed(`unknown job "${job}"; see the \`job\` input of action.yml for the list`);
    return;
  }
  const manifest = parse(readFileSync(manifestPath, "utf8")) as {
    inputs?: Record<string, { default?: string }>;
  };
  for (const [name, field] of Object.entries(manifest.inputs ?? {})) {
    const variable = `INPUT_${name.replace(/ /g, "_").toUpperCase()}`;
    // Expression defaults (${{ github.token }}) are the same for every job and already filled by the runner.
    if (
      !process.env[variable] &&
      field.default !== undefined &&
      !String(field.default).includes("${{")
    ) {
      process.env[variable] = String(field.default);
    }
  }
  await import(pathToFileURL(join(actionsDir, job, "dist", "index.js")).href);
}

main().catch((error: Error) => core.setFailed(error.message));
