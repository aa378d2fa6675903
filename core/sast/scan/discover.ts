// Which files a scan reads: code and workflow files under the roots, minus .gitignore'd,
// excluded, vendored and minified-by-name files.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import ignore, { type Ignore } from "ignore";
import { type FileKind, fileKindOf } from "../languages.ts";
import type { FileJob } from "./scan-file.ts";

/** Directories that hold other people's code or build output. */
const VENDORED = new Set([
  "node_modules",
  "vendor",
  "third_party",
  "bower_components",
  ".venv",
  "venv",
  "__pycache__",
  "dist",
  "build",
  "coverage",
  ".next",
  ".git",
  ".tox",
]);
const MINIFIED_NAME = /[.-]min\.(m?js|cjs)$|\.bundle\.m?js$/;

export interface Discovery {
  files: FileJob[];
  /** Files left out on purpose, by reason, for the summary. */
  skipped: { vendored: number; ignored: number; minified: number };
  /** Configured paths that do not exist. */
  missing: string[];
  /** FIFOs, sockets and devices: never opened (a FIFO blocks the reader), reported by path. */
  special: string[];
}

interface Rules {
  base: string;
  matcher: Ignore;
}

export function discoverFiles(root: string, paths: string[], exclude: string[]): Discovery {
  const discovery: Discovery = {
    files: [],
    skipped: { vendored: 0, ignored: 0, minified: 0 },
    missing: [],
    special: [],
  };
  const excluded = ignore().add(exclude);
  const seen = new Set<string>();
  for (const path of paths) {
    const start = join(root, path);
    if (!existsSync(start)) {
      discovery.missing.push(path);
      continue;
    }
    const stats = statSync(start);
    if (stats.isFile()) {
      const kind = fileKindOf(toPosix(relative(root, start)));
      if (kind) addFile(discovery, seen, root, start, kind);
      continue;
    }
    if (!stats.isDirectory()) {
      discovery.special.push(path);
      continue;
    }
    walk(start, root, ancestorsRules(root, start), excluded, discovery, seen);
  }
  discovery.files.sort((a, b) => (a.path < b.path ? -1 : 1));
  return discovery;
}

function walk(
  dir: string,
  root: string,
  rules: Rules[],
  excluded: Ignore,
  discovery: Discovery,
  seen: Set<string>,
): void {
  const own = readGitignore(dir);
  const active = own ? [...rules, { base: dir, matcher: own }] : rules;
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : 1,
  );
  for (const entry of entries) {
    const absolute = join(dir, entry.name);
    const path = toPosix(relative(root, absolute));
    const isDir = entry.isDirectory();
    if (isDir && VENDORED.has(entry.name)) {
      discovery.skipped.vendored++;
      continue;
    }
    if (
      isIgnored(active, absolute, isDir) ||
      (path !== "" && excluded.ignores(isDir ? `${path}/` : path))
    ) {
      discovery.skipped.ignored++;
      continue;
    }
    if (isDir) walk(absolute, root, active, excluded, discovery, seen);
    else if (!entry.isFile() && !entry.isSymbolicLink()) discovery.special.push(path);
    else if (entry.isFile()) {
      const kind = fileKindOf(path);
      if (!kind) continue;
      if (MINIFIED_NAME.test(entry.name)) discovery.skipped.minified++;
      else addFile(discovery, seen, root, absolute, kind);
    }
  }
}

function addFile(
  discovery: Discovery,
  seen: Set<string>,
  root: string,
  absolute: string,
  kind: FileKind,
) {
  if (seen.has(absolute)) return;
  seen.add(absolute);
  discovery.files.push({ absolutePath: absolute, path: toPosix(relative(root, absolute)), kind });
}

function isIgnored(rules: Rules[], absolute: string, isDir: boolean): boolean {
  return rules.some(({ base, matcher }) => {
    const path = toPosix(relative(base, absolute));
    return path !== "" && !path.startsWith("..") && matcher.ignores(isDir ? `${path}/` : path);
  });
}

/** .gitignore files between the root and a starting folder below it still apply. */
function ancestorsRules(root: string, start: string): Rules[] {
  const rules: Rules[] = [];
  const parts = relative(root, start).split(sep).filter(Boolean);
  for (let depth = 0; depth < parts.length; depth++) {
    const dir = join(root, ...parts.slice(0, depth));
    const matcher = readGitignore(dir);
    if (matcher) rules.push({ base: dir, matcher });
  }
  return rules;
}

function readGitignore(dir: string): Ignore | undefined {
  const file = join(dir, ".gitignore");
  // A FIFO or device named .gitignore would block the read; only a regular file counts.
  if (!existsSync(file) || !statSync(file).isFile()) return undefined;
  return ignore().add(readFileSync(file, "utf8"));
}

function toPosix(path: string): string {
  return path.split(sep).join("/");
}
