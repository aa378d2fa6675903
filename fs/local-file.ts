// Reads a file that config or a flag names: only inside the repository root (symbolic links
// included), only a regular file (a FIFO would hang the read, a device never ends), never more
// than a budget. Every refusal is a message that names the path and says why.
import { constants, type Stats } from "node:fs";
import { open, realpath } from "node:fs/promises";
import { isAbsolute, relative, resolve, sep } from "node:path";

/** Files Upkeep reads this way are config, templates and exports: 32 MiB is far beyond any. */
export const MAX_LOCAL_FILE_BYTES = 32 * 1024 * 1024;

export type LocalFile =
  | { kind: "text"; text: string; path: string }
  | { kind: "missing"; path: string }
  | { kind: "refused"; path: string; message: string };

/** `path` (relative to `root`, or absolute) resolved inside `root`, or why it is not. */
export function insideRoot(
  root: string,
  path: string,
): { ok: true; path: string } | { ok: false; message: string } {
  const full = resolve(root, path);
  return isWithin(resolve(root), full)
    ? { ok: true, path: full }
    : { ok: false, message: `${path} is outside the repository (${root}); refused` };
}

export async function readLocalFile(
  root: string,
  path: string,
  options: { maxBytes?: number; shownAs?: string } = {},
): Promise<LocalFile> {
  const shown = options.shownAs ?? path;
  const inside = insideRoot(root, path);
  if (!inside.ok) return { kind: "refused", path, message: inside.message.replace(path, shown) };
  let real: string;
  try {
    real = await realpath(inside.path);
  } catch (error) {
    if (isMissing(error)) return { kind: "missing", path };
    return { kind: "refused", path, message: `cannot read ${shown}: ${codeOf(error)}` };
  }
  if (!isWithin(await realpath(root), real)) {
    return { kind: "refused", path, message: `${shown} links outside the repository; refused` };
  }
  return readRegular(real, path, shown, options.maxBytes ?? MAX_LOCAL_FILE_BYTES);
}

/** Opens without blocking (a FIFO opens at once), then checks what was opened, not the name. */
async function readRegular(
  real: string,
  path: string,
  shown: string,
  maxBytes: number,
): Promise<LocalFile> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(real, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    if (isMissing(error)) return { kind: "missing", path };
    return { kind: "refused", path, message: `cannot read ${shown}: ${codeOf(error)}` };
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) {
      return {
        kind: "refused",
        path,
        message: `${shown} is ${kindOf(stats)}, not a regular file; skipped`,
      };
    }
    if (stats.size > maxBytes) {
      return {
        kind: "refused",
        path,
        message: `${shown} is ${mib(stats.size)} MiB; Upkeep reads at most ${mib(maxBytes)} MiB here`,
      };
    }
    const buffer = Buffer.alloc(Math.min(stats.size, maxBytes));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return { kind: "text", text: buffer.subarray(0, bytesRead).toString("utf8"), path };
  } finally {
    await handle.close();
  }
}

function isWithin(root: string, full: string): boolean {
  const rel = relative(root, full);
  return rel === "" || (rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return "a directory";
  if (stats.isFIFO()) return "a FIFO";
  if (stats.isSocket()) return "a socket";
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return "a device";
  return "a special file";
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === "ENOENT" || code === "ENOTDIR";
}

function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}

function mib(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, "");
}
