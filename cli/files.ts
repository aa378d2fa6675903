// Files the CLI reads because a flag or the config names them, through fs/local-file.ts: regular
// files only, within a size budget; paths from a config stay inside its repository.
import { existsSync } from "node:fs";
import { dirname, join, parse, resolve } from "node:path";
import type { UpkeepConfig } from "../core/config/schema.ts";
import { icsPaths } from "../core/sla/policy.ts";
import { type LocalFile, readLocalFile } from "../fs/local-file.ts";
import { type CliIo, UsageError } from "./command.ts";

/** The nearest directory at or above `start` holding `.git`; `start` itself outside any. */
export function repositoryRootOf(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, ".git"))) return dir;
    if (dirname(dir) === dir) return start;
  }
}

/**
 * The text of the file a flag names; anything else is a usage error naming the flag. The person
 * running the CLI chose the path (an export in /tmp is normal), so it may lie anywhere; it must
 * still be a regular file within the size budget. Paths a config names stay in the repository.
 */
export async function readFlagFile(io: CliIo, flag: string, path: string): Promise<string> {
  const full = resolve(io.cwd, path);
  const file = await readLocalFile(parse(full).root, full, { shownAs: path });
  if (file.kind === "text") return file.text;
  throw new UsageError(`cannot read ${flag} ${path}: ${whyNot(file)}`);
}

export function whyNot(file: Exclude<LocalFile, { kind: "text" }>): string {
  return file.kind === "missing" ? "no such file" : file.message;
}

/**
 * The holiday calendars (.ics) the SLA config names, relative to the repository root. One that
 * is outside the repository or not a regular file is left out with a note, like a missing one.
 */
export async function readIcsFiles(
  config: UpkeepConfig,
  root: string,
  io: CliIo,
): Promise<Record<string, string | undefined>> {
  const files: Record<string, string | undefined> = {};
  for (const path of icsPaths(config.sla)) {
    const file = await readLocalFile(root, path);
    if (file.kind === "refused") io.stderr(`upkeep: holiday calendar ${file.message}\n`);
    files[path] = file.kind === "text" ? file.text : undefined;
  }
  return files;
}
