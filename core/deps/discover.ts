// Finds the lockfiles in a repository: walks the tree the way git sees it (.gitignore files at
// every level, deepest decision wins), minus the configured excludes and installed-package folders.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import ignore, { type Ignore } from "ignore";
import { parserFor } from "./lockfiles/index.ts";
import type { LockfileParser } from "./package.ts";

/** Folders of installed or vendored packages and git internals: never the project's own lockfiles. */
export const SKIPPED_DIRECTORIES = new Set([
  "node_modules",
  ".git",
  "vendor",
  ".venv",
  "bower_components",
]);

export interface DiscoveredLockfile {
  /** Relative to the walked root, with forward slashes. */
  path: string;
  parser: LockfileParser;
}

export interface DiscoverOptions {
  /** gitignore-style patterns relative to the root (the config's excludes). */
  exclude?: string[];
}

interface IgnoreScope {
  /** Directory of the .gitignore relative to the root, "" for the root, else ending in "/". */
  base: string;
  rules: Ignore;
}

export async function discoverLockfiles(
  root: string,
  options: DiscoverOptions = {},
): Promise<DiscoveredLockfile[]> {
  const excludes = ignore().add(options.exclude ?? []);
  const found: DiscoveredLockfile[] = [];
  await walk(root, "", [], excludes, found);
  return found.sort((a, b) => a.path.localeCompare(b.path));
}

async function walk(
  root: string,
  directory: string,
  inherited: IgnoreScope[],
  excludes: Ignore,
  found: DiscoveredLockfile[],
): Promise<void> {
  const entries = await readdir(join(root, directory), { withFileTypes: true }).catch(() => []);
  const scopes = await withGitignore(root, directory, inherited);
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = directory + entry.name;
    // Symbolic links are not followed: they can loop, and a linked lockfile is listed where it lives.
    if (entry.isDirectory()) {
      if (SKIPPED_DIRECTORIES.has(entry.name)) continue;
      if (isExcluded(`${path}/`, scopes, excludes)) continue;
      await walk(root, `${path}/`, scopes, excludes, found);
    } else if (entry.isFile()) {
      const parser = parserFor(path);
      if (parser && !isExcluded(path, scopes, excludes)) found.push({ path, parser });
    }
  }
}

async function withGitignore(
  root: string,
  directory: string,
  inherited: IgnoreScope[],
): Promise<IgnoreScope[]> {
  const text = await readFile(join(root, directory, ".gitignore"), "utf8").catch(() => undefined);
  if (text === undefined) return inherited;
  return [...inherited, { base: directory, rules: ignore().add(text) }];
}

/** The deepest .gitignore with an opinion decides, as in git; config excludes always apply. */
function isExcluded(path: string, scopes: IgnoreScope[], excludes: Ignore): boolean {
  if (excludes.ignores(path)) return true;
  for (let index = scopes.length - 1; index >= 0; index--) {
    const scope = scopes[index]!;
    const verdict = scope.rules.test(path.slice(scope.base.length));
    if (verdict.ignored) return true;
    if (verdict.unignored) return false;
  }
  return false;
}
