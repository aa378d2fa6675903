// Loads .github/upkeep.yml the Probot way (default branch, the org's `.github` repository as
// fallback, `_extends`) and validates it with the one schema. A bad file never stops Upkeep: the
// problem is reported once (app/config-report.ts) and the event is handled with defaults.
import type { Context } from "probot";
import type { ConfigProblem } from "../core/config/errors.ts";
import { CONFIG_PATH, parseConfigText, validateConfigObject } from "../core/config/parse.ts";
import { defaultConfig, type UpkeepConfig } from "../core/config/schema.ts";
import type { GitHubPort } from "../github/port.ts";

export type LoadedConfig =
  | { ok: true; config: UpkeepConfig; found: boolean }
  | { ok: false; config: UpkeepConfig; problems: ConfigProblem[] };

const CONFIG_FILE_NAME = "upkeep.yml";

// A repository's file replaces the lists of the file it extends instead of appending to them:
// rules are ordered, and doubling an inherited list would change which rule matches first.
export const replaceArrays = { arrayMerge: (_target: unknown[], source: unknown[]) => source };

/** Reads and validates the config for the event's repository. */
export async function loadAppConfig(context: Context, github: GitHubPort): Promise<LoadedConfig> {
  let raw: unknown;
  try {
    raw = await context.config(CONFIG_FILE_NAME, undefined, replaceArrays);
  } catch (error) {
    if (!isParseFailure(error)) throw error;
    return invalid(await locatedProblems(github, error as Error));
  }
  if (raw === null || raw === undefined) return { ok: true, config: defaultConfig(), found: false };
  const result = validated(raw);
  if (result.ok) return { ok: true, config: result.config, found: true };
  // The loader gave us an object without positions; read the text to point at the lines.
  const text = await github.readFile(CONFIG_PATH);
  const located = text === undefined ? result : parseConfigText(text, CONFIG_PATH);
  return invalid(located.ok ? result.problems : located.problems);
}

function invalid(problems: ConfigProblem[]): LoadedConfig {
  return { ok: false, config: defaultConfig(), problems };
}

/** Probot's config plugin throws plain errors for YAML it cannot parse; API errors have a status. */
function isParseFailure(error: unknown): boolean {
  const message = (error as Error | undefined)?.message ?? "";
  return (
    (error as { status?: number }).status === undefined && message.includes("octokit-plugin-config")
  );
}

async function locatedProblems(github: GitHubPort, error: Error): Promise<ConfigProblem[]> {
  const text = await github.readFile(CONFIG_PATH);
  if (text !== undefined) {
    const parsed = parseConfigText(text, CONFIG_PATH);
    if (!parsed.ok) return parsed.problems;
  }
  // The broken file is an inherited one (org `.github` repository or `_extends`).
  const cause = (error.cause as Error | undefined)?.message?.split("\n")[0];
  return [
    {
      file: CONFIG_PATH,
      path: "",
      message: `${error.message.replace("[@probot/octokit-plugin-config] ", "")}${cause ? `: ${cause}` : ""}`,
    },
  ];
}

// Most deliveries carry an unchanged file: validate each distinct content once per process. The
// config objects are shared between deliveries, so handlers treat them as read-only.
const validatedByContent = new Map<string, ReturnType<typeof validateConfigObject>>();
const MAX_CACHED = 500;

function validated(raw: unknown): ReturnType<typeof validateConfigObject> {
  const key = JSON.stringify(raw);
  let result = validatedByContent.get(key);
  if (!result) {
    result = validateConfigObject(raw, CONFIG_PATH);
    if (validatedByContent.size >= MAX_CACHED) validatedByContent.clear();
    validatedByContent.set(key, result);
  }
  return result;
}
