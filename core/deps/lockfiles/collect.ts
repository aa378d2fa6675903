// Reads and parses lockfiles from disk: a whole tree (via discovery) or named files. Every file's
// problems are kept and the others still parsed, so a caller can say "incomplete" and go on.
import { readFileSync, realpathSync, statSync } from "node:fs";
import { isAbsolute, normalize, relative, resolve, sep } from "node:path";
import { discoverLockfiles } from "../discover.ts";
import type {
  LockedPackage,
  LockfileParseResult,
  LockfileParser,
  ParseContext,
  ParseProblem,
} from "../package.ts";
import { parseLockfileText, parserFor } from "./index.ts";
import { MAX_LOCKFILE_BYTES, tooLargeMessage } from "./limits.ts";

export interface ParsedLockfile {
  path: string;
  format: string;
  packageCount: number;
}

export interface CollectedPackages {
  lockfiles: ParsedLockfile[];
  packages: LockedPackage[];
  problems: ParseProblem[];
  /** Files skipped on purpose (special files, unreadable .gitignore rules): said, not failed. */
  notes: ParseProblem[];
  unscannable: (NonNullable<LockfileParseResult["unscannable"]>[number] & { file: string })[];
}

export interface CollectOptions {
  exclude?: string[];
  /** Parse these files (relative to root or absolute) instead of walking the root. */
  files?: string[];
}

export async function collectPackages(
  root: string,
  options: CollectOptions = {},
): Promise<CollectedPackages> {
  const collected: CollectedPackages = {
    lockfiles: [],
    packages: [],
    problems: [],
    notes: [],
    unscannable: [],
  };
  const targets = options.files
    ? namedFiles(root, options.files, collected.problems)
    : await discoverLockfiles(root, {
        exclude: options.exclude ?? [],
        onProblem: (problem) => collected.problems.push(problem),
        onNote: (note) => collected.notes.push(note),
      });
  for (const { path, parser } of targets) {
    const result = parseFile(root, path, parser);
    collected.lockfiles.push({ path, format: parser.format, packageCount: result.packages.length });
    // One loop per entry: spreading a 130k-entry array into push() overflows the stack.
    for (const found of result.packages) collected.packages.push(found);
    for (const problem of result.problems) collected.problems.push(problem);
    for (const entry of result.unscannable ?? [])
      collected.unscannable.push({ file: path, ...entry });
  }
  collected.packages = withoutDuplicates(collected.packages);
  return collected;
}

function namedFiles(root: string, files: string[], problems: ParseProblem[]) {
  const targets: { path: string; parser: LockfileParser }[] = [];
  for (const file of files) {
    const path = toRootPath(root, file);
    const parser = parserFor(path);
    if (parser) targets.push({ path, parser });
    else
      problems.push({
        file: path,
        message: "not a lockfile format Upkeep reads (see `upkeep deps list --help`)",
      });
  }
  return targets;
}

function parseFile(root: string, path: string, parser: LockfileParser): LockfileParseResult {
  const read = readWithinRoot(root, path);
  if (!read.ok) return { packages: [], problems: [{ file: path, message: read.message }] };
  return parseLockfileText(parser, path, read.text, contextFor(root, path));
}

/** Sibling files for a parser, confined to the root: a hostile `-r /etc/passwd` reads nothing. */
function contextFor(root: string, path: string): ParseContext {
  const directory = path.includes("/") ? path.slice(0, path.lastIndexOf("/") + 1) : "";
  return {
    readRelative(relativePath) {
      if (isAbsolute(relativePath)) return undefined;
      const read = readWithinRoot(
        root,
        normalize(directory + relativePath)
          .split(sep)
          .join("/"),
      );
      return read.ok ? read.text : undefined;
    },
  };
}

type Read = { ok: true; text: string } | { ok: false; message: string };

/** Reads a file only when its real path (symbolic links followed) stays inside the root. */
function readWithinRoot(root: string, path: string): Read {
  try {
    const absolute = realpathSync(resolve(root, path));
    const inside = relative(realpathSync(root), absolute);
    if (inside === ".." || inside.startsWith(`..${sep}`) || isAbsolute(inside))
      return { ok: false, message: "outside the scanned directory; not read" };
    const stats = statSync(absolute);
    // A FIFO or device would block the read forever.
    if (!stats.isFile()) return { ok: false, message: "not a regular file; not read" };
    if (stats.size > MAX_LOCKFILE_BYTES) return { ok: false, message: tooLargeMessage(stats.size) };
    return { ok: true, text: readFileSync(absolute, "utf8") };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, message: `cannot be read: ${code ?? (error as Error).message}` };
  }
}

function toRootPath(root: string, file: string): string {
  const path = relative(resolve(root), resolve(root, file));
  return path.split(sep).join("/");
}

/** One entry per file line and package: an included requirements file is also found on its own. */
function withoutDuplicates(packages: LockedPackage[]): LockedPackage[] {
  const byKey = new Map<string, LockedPackage>();
  for (const found of packages) {
    const { file, line } = found.location;
    const key = [file, line, found.ecosystem, found.name, found.version].join("\0");
    const seen = byKey.get(key);
    // Seen both ways (say, on its own and through a dev file's -r): prod and direct win.
    byKey.set(
      key,
      seen
        ? {
            ...seen,
            scope: seen.scope === "prod" ? "prod" : found.scope,
            direct: seen.direct || found.direct,
          }
        : found,
    );
  }
  return [...byKey.values()];
}
