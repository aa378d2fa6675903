// `_extends` and the organisation fallback, as plain decisions: which file may be inherited, how
// an inherited file merges under a repository's own, and what a report may say about it.
import type { ConfigProblem } from "./errors.ts";
import { CONFIG_PATH } from "./parse.ts";

export interface ConfigRepo {
  owner: string;
  repo: string;
}

/** Files followed through `_extends` before the chain is refused (a → b → c → d). */
export const MAX_EXTENDS_DEPTH = 3;

/** The repository holding organisation-wide defaults, as GitHub names it. */
export const ORG_CONFIG_REPO = ".github";

// GitHub's names; "." and ".." are not repositories but path steps.
const REPO_NAME = /^(?!\.{1,2}$)[A-Za-z0-9_.-]{1,100}$/;

export type ExtendsTarget = { ok: true; repo: ConfigRepo } | { ok: false; message: string };

/**
 * Reads `_extends: name`, `owner/name` or `owner/name:.github/upkeep.yml`. Only Upkeep's own file
 * of a repository of the same owner (one installation) may be inherited: anything else could
 * expose another file's content through the config report.
 */
export function parseExtendsTarget(value: unknown, current: ConfigRepo): ExtendsTarget {
  if (typeof value !== "string" || value.trim() === "") {
    return { ok: false, message: "expected a repository name such as `.github` or `owner/name`" };
  }
  const [where, path, ...rest] = value.trim().split(":");
  if (rest.length > 0 || (path !== undefined && path !== CONFIG_PATH)) {
    return { ok: false, message: `only ${CONFIG_PATH} of another repository can be extended` };
  }
  const parts = where!.split("/");
  const [owner, repo] = parts.length === 1 ? [current.owner, parts[0]!] : parts;
  if (parts.length > 2 || !owner || !repo || !REPO_NAME.test(owner) || !REPO_NAME.test(repo)) {
    return { ok: false, message: "expected a repository name such as `.github` or `owner/name`" };
  }
  if (owner.toLowerCase() !== current.owner.toLowerCase()) {
    return {
      ok: false,
      message: `only repositories of ${current.owner} can be extended, not ${owner}`,
    };
  }
  return { ok: true, repo: { owner: current.owner, repo } };
}

/** How a file of another repository is named in messages. */
export function inheritedFileName(repo: ConfigRepo): string {
  return `${repo.owner}/${repo.repo}:${CONFIG_PATH}`;
}

/**
 * The repository's own settings over the inherited ones: mappings merge key by key; lists and
 * values replace (rules are ordered, and doubling an inherited list would change which matches).
 */
export function mergeConfigValues(base: unknown, own: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(own)) return own === undefined ? base : own;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(own)) {
    merged[key] = key in base ? mergeConfigValues(base[key], value) : value;
  }
  return merged;
}

/**
 * A problem in an inherited file, reduced to where it is: the report lands in an issue of the
 * extending repository, which may be public while the inherited file is not.
 */
export function withoutContent(problem: ConfigProblem): ConfigProblem {
  const { file, path, line, column } = problem;
  return {
    file,
    path,
    ...(line === undefined ? {} : { line, column }),
    message: "invalid inherited setting; check that file with `upkeep config validate`",
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
