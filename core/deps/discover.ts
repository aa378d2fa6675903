// Finds the lockfiles in a repository: walks the tree the way git sees it (.gitignore files at
// every level, deepest decision wins), minus the configured excludes and installed-package folders.
// Only regular files are read: a FIFO or device named like a lockfile or .gitignore would block a
// read forever, so it is skipped with a note.
import { lstat, readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { parserFor } from "./lockfiles/index.ts";
import type { LockfileParser, ParseProblem } from "./package.ts";
import { type PathRules, pathRules, pathRulesFromText } from "./path-patterns.ts";

/** Folders of installed or vendored packages and git internals: never the project's own lockfiles. */
export const SKIPPED_DIRECTORIES = new Set([
  "node_modules",
  ".git",
  "vendor",
  ".venv",
  "bower_components",
]);

/** A .gitignore bigger than this is not read (real ones are a few kB). */
export const MAX_GITIGNORE_BYTES = 1024 * 1024;

export interface DiscoveredLockfile {
  /** Relative to the walked root, with forward slashes. */
  path: string;
  parser: LockfileParser;
}

export interface DiscoverOptions {
  /** gitignore-style patterns relative to the root (the config's excludes). */
  exclude?: string[];
  /** Told about folders that could not be listed (the walk is then incomplete). */
  onProblem?: (problem: ParseProblem) => void;
  /** Told about files skipped on purpose (special files, an oversized .gitignore). */
  onNote?: (note: ParseProblem) => void;
}

interface IgnoreScope {
  /** Directory of the .gitignore relative to the root, "" for the root, else ending in "/". */
  base: string;
  rules: PathRules;
}

interface Walk {
  root: string;
  excludes: PathRules;
  found: DiscoveredLockfile[];
  options: DiscoverOptions;
}

export async function discoverLockfiles(
  root: string,
  options: DiscoverOptions = {},
): Promise<DiscoveredLockfile[]> {
  const excludes = pathRules(options.exclude ?? []);
  const walk: Walk = { root, excludes, found: [], options };
  await walkDirectory(walk, "", []);
  return walk.found.sort((a, b) => a.path.localeCompare(b.path));
}

async function walkDirectory(walk: Walk, directory: string, inherited: IgnoreScope[]) {
  const entries = await listDirectory(walk, directory);
  const scopes = await withGitignore(walk, directory, inherited);
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = directory + entry.name;
    // Symbolic links are not followed: they can loop, and a linked lockfile is listed where it lives.
    if (entry.isDirectory()) {
      if (SKIPPED_DIRECTORIES.has(entry.name)) continue;
      if (isExcluded(`${path}/`, scopes, walk.excludes)) continue;
      await walkDirectory(walk, `${path}/`, scopes);
      continue;
    }
    const parser = parserFor(path);
    if (!parser || isExcluded(path, scopes, walk.excludes)) continue;
    if (entry.isFile()) walk.found.push({ path, parser });
    else if (!entry.isSymbolicLink())
      walk.options.onNote?.({ file: path, message: "not a regular file; skipped" });
  }
}

async function listDirectory(walk: Walk, directory: string) {
  try {
    return await readdir(join(walk.root, directory), { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    // A root that does not exist holds no lockfiles; any other folder we cannot list is a gap.
    if (!(directory === "" && code === "ENOENT"))
      walk.options.onProblem?.({
        file: directory || ".",
        message: `folder cannot be listed: ${code}`,
      });
    return [];
  }
}

async function withGitignore(
  walk: Walk,
  directory: string,
  inherited: IgnoreScope[],
): Promise<IgnoreScope[]> {
  const path = join(walk.root, directory, ".gitignore");
  const stats = await lstat(path).catch(() => undefined);
  if (!stats) return inherited;
  const file = `${directory}.gitignore`;
  if (!stats.isFile() || stats.size > MAX_GITIGNORE_BYTES) {
    const why = stats.isFile() ? `over ${MAX_GITIGNORE_BYTES / 1024} kB` : "not a regular file";
    walk.options.onNote?.({ file, message: `${why}; not read, so its rules do not apply` });
    return inherited;
  }
  const text = await readFile(path, "utf8").catch(() => undefined);
  if (text === undefined) return inherited;
  const rules = pathRulesFromText(text);
  for (const problem of rules.problems)
    walk.options.onNote?.({ file, line: problem.line, message: `${problem.message}; not applied` });
  return [...inherited, { base: directory, rules }];
}

/** The deepest .gitignore with an opinion decides, as in git; config excludes always apply. */
function isExcluded(path: string, scopes: IgnoreScope[], excludes: PathRules): boolean {
  if (excludes.ignores(path)) return true;
  for (let index = scopes.length - 1; index >= 0; index--) {
    const scope = scopes[index]!;
    const verdict = scope.rules.test(path.slice(scope.base.length));
    if (verdict.ignored) return true;
    if (verdict.unignored) return false;
  }
  return false;
}
