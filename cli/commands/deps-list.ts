// `upkeep deps list [PATH] [--json]`: the packages Upkeep reads from a tree's lockfiles (or one
// lockfile), as the dependency scan will see them. Problems go to stderr; exit 3 when incomplete.
import { statSync } from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { formatConfigProblem } from "../../core/config/errors.ts";
import { CONFIG_PATH } from "../../core/config/parse.ts";
import { type CollectedPackages, collectPackages } from "../../core/deps/lockfiles/collect.ts";
import { lockfileParsers, parserFor } from "../../core/deps/lockfiles/index.ts";
import { MAX_LOCKFILE_BYTES } from "../../core/deps/lockfiles/limits.ts";
import { type CliCommand, type CliIo, EXIT, UsageError } from "../command.ts";
import { loadLocalConfig } from "../config.ts";

interface ListArgs {
  target: string;
  json: boolean;
  exclude: string[];
  config?: string;
}

export const depsListCommand: CliCommand = {
  name: "deps list",
  summary: "List the packages found in lockfiles (a directory tree or one lockfile)",
  usage: [
    "upkeep deps list [PATH] [--json] [--exclude GLOB]... [--config FILE]",
    "  PATH       a directory to walk (default .) or a single lockfile",
    "  --json     print [{ecosystem,name,version,scope,direct,file,line[,alias]}]",
    "  --exclude  gitignore-style pattern to skip, relative to PATH (repeatable),",
    "             on top of .gitignore files and the config's deps.exclude",
    `  --config   config file (default PATH/${CONFIG_PATH})`,
    `Formats: ${lockfileParsers.map((parser) => parser.format).join(", ")}`,
    `Lockfiles over ${MAX_LOCKFILE_BYTES / 1024 / 1024} MB are refused (reported, exit 3).`,
    "Exit codes: 0 all read, 2 usage or config error, 3 some file could not be read",
  ].join("\n"),
  async run(args, io) {
    const options = parseArgs(args);
    const target = resolve(io.cwd, options.target);
    if (!isDirectory(target)) return listOneLockfile(target, options, io);
    const configFile = options.config ? resolve(io.cwd, options.config) : join(target, CONFIG_PATH);
    const loaded = await loadLocalConfig(io, configFile, {
      required: options.config !== undefined,
      root: options.config ? undefined : target,
    });
    if (!loaded.ok) {
      for (const problem of loaded.problems) io.stderr(`${formatConfigProblem(problem)}\n`);
      return EXIT.usage;
    }
    const exclude = [...loaded.config.deps.exclude, ...options.exclude];
    const collected = await collectPackages(target, { exclude });
    return print(seenFrom(relative(io.cwd, target), collected), options, io);
  },
};

/**
 * A lockfile named on the command line is read wherever it is: the person chose it. Files beside
 * it (package.json, pyproject.toml, `-r` includes) are read only inside its folder.
 */
async function listOneLockfile(target: string, options: ListArgs, io: CliIo): Promise<number> {
  if (!parserFor(basename(target)))
    throw new UsageError(
      `${relative(io.cwd, target)}: not a lockfile format Upkeep reads (see \`upkeep deps list --help\`)`,
    );
  const folder = dirname(target);
  const single = await collectPackages(folder, { files: [basename(target)] });
  return print(seenFrom(relative(io.cwd, folder), single), options, io);
}

function print(collected: CollectedPackages, options: ListArgs, io: CliIo): number {
  io.stdout(options.json ? jsonList(collected) : table(collected));
  reportProblems(collected, io);
  return collected.problems.length > 0 ? EXIT.incomplete : EXIT.ok;
}

function parseArgs(args: string[]): ListArgs {
  const parsed: ListArgs = { target: ".", json: false, exclude: [] };
  const paths: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (arg === "--json") parsed.json = true;
    else if (arg === "--exclude") parsed.exclude.push(valueAfter(args, ++index, arg));
    else if (arg.startsWith("--exclude=")) parsed.exclude.push(arg.slice("--exclude=".length));
    else if (arg === "--config") parsed.config = valueAfter(args, ++index, arg);
    else if (arg.startsWith("-")) throw new UsageError(`unknown option ${arg}`);
    else paths.push(arg);
  }
  if (paths.length > 1) throw new UsageError("give at most one PATH");
  parsed.target = paths[0] ?? ".";
  return parsed;
}

function valueAfter(args: string[], index: number, option: string): string {
  const value = args[index];
  if (value === undefined) throw new UsageError(`${option} needs a value`);
  return value;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    throw new UsageError(`${path}: no such file or directory`);
  }
}

/** Paths as the person typing sees them: relative to where they ran the command. */
function seenFrom(prefix: string, collected: CollectedPackages): CollectedPackages {
  if (prefix === "") return collected;
  const from = (file: string) => `${prefix.split(sep).join("/")}/${file}`;
  return {
    lockfiles: collected.lockfiles.map((lockfile) => ({ ...lockfile, path: from(lockfile.path) })),
    packages: collected.packages.map((found) => ({
      ...found,
      location: { ...found.location, file: from(found.location.file) },
    })),
    problems: collected.problems.map((problem) => ({ ...problem, file: from(problem.file) })),
    notes: collected.notes.map((note) => ({ ...note, file: from(note.file) })),
    unscannable: collected.unscannable.map((entry) => ({ ...entry, file: from(entry.file) })),
  };
}

function jsonList(collected: CollectedPackages): string {
  const rows = collected.packages.map((found) => {
    const { ecosystem, name, version, scope, direct, location, alias } = found;
    const row = {
      ecosystem,
      name,
      version,
      scope,
      direct,
      file: location.file,
      line: location.line ?? null,
    };
    return alias === undefined ? row : { ...row, alias };
  });
  return `${JSON.stringify(rows, null, 2)}\n`;
}

function table(collected: CollectedPackages): string {
  const header = ["ECOSYSTEM", "NAME", "VERSION", "SCOPE", "DIRECT", "FILE"];
  const rows = collected.packages.map((found) => [
    found.ecosystem,
    found.name,
    found.version,
    found.scope,
    found.direct ? "yes" : "no",
    found.location.line ? `${found.location.file}:${found.location.line}` : found.location.file,
  ]);
  const widths = header.map((title, column) =>
    rows.reduce((widest, row) => Math.max(widest, row[column]!.length), title.length),
  );
  const format = (row: string[]) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join("  ")
      .trimEnd();
  const files = collected.lockfiles.length;
  const summary = `${collected.packages.length} packages in ${files} lockfile${files === 1 ? "" : "s"}`;
  return [format(header), ...rows.map(format), "", summary, ""].join("\n");
}

function reportProblems(collected: CollectedPackages, io: CliIo): void {
  for (const note of collected.notes) {
    const where = note.line ? `${note.file}:${note.line}` : note.file;
    io.stderr(`note: ${where}: ${note.message}\n`);
  }
  for (const problem of collected.problems) {
    const where = problem.line ? `${problem.file}:${problem.line}` : problem.file;
    io.stderr(`error: ${where}: ${problem.message}\n`);
  }
  for (const entry of collected.unscannable) {
    const where = entry.line ? `${entry.file}:${entry.line}` : entry.file;
    io.stderr(`not scannable: ${where}: ${entry.name}: ${entry.reason}\n`);
  }
}
