// Small facts about a local repository: where HEAD is, the remote's URL, a file's text at a ref.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { git, gitMaybe } from "./process.ts";

export async function resolveRef(cwd: string, ref: string): Promise<string> {
  return (await git(cwd, ["rev-parse", "--verify", "--end-of-options", `${ref}^{commit}`])).trim();
}

export async function remoteUrl(cwd: string, remote = "origin"): Promise<string | undefined> {
  return (await gitMaybe(cwd, ["remote", "get-url", remote]))?.trim() || undefined;
}

/** A file from the working tree (what the user sees and may have just edited). */
export async function readWorkingFile(cwd: string, path: string): Promise<string | undefined> {
  try {
    return await readFile(join(cwd, path), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

export async function isRepository(cwd: string): Promise<boolean> {
  return (await gitMaybe(cwd, ["rev-parse", "--git-dir"])) !== undefined;
}

/** A shallow clone (actions/checkout's default) lacks the tags and history release notes need. */
export async function isShallow(cwd: string): Promise<boolean> {
  return (await gitMaybe(cwd, ["rev-parse", "--is-shallow-repository"]))?.trim() === "true";
}
