// Small facts about a local repository: where HEAD is, the remote's URL, a file's text at a ref.
import { readLocalFile } from "../fs/local-file.ts";
import { git, gitMaybe } from "./process.ts";

export async function resolveRef(cwd: string, ref: string): Promise<string> {
  return (await git(cwd, ["rev-parse", "--verify", "--end-of-options", `${ref}^{commit}`])).trim();
}

export async function remoteUrl(cwd: string, remote = "origin"): Promise<string | undefined> {
  return (await gitMaybe(cwd, ["remote", "get-url", remote]))?.trim() || undefined;
}

/**
 * A file from the working tree (what the user sees and may have just edited): a regular file
 * inside `cwd`, or undefined when missing. Anything else (outside, a FIFO) throws with the reason.
 */
export async function readWorkingFile(cwd: string, path: string): Promise<string | undefined> {
  const file = await readLocalFile(cwd, path);
  if (file.kind === "refused") throw new Error(file.message);
  return file.kind === "text" ? file.text : undefined;
}

export async function isRepository(cwd: string): Promise<boolean> {
  return (await gitMaybe(cwd, ["rev-parse", "--git-dir"])) !== undefined;
}

/** A shallow clone (actions/checkout's default) lacks the tags and history release notes need. */
export async function isShallow(cwd: string): Promise<boolean> {
  return (await gitMaybe(cwd, ["rev-parse", "--is-shallow-repository"]))?.trim() === "true";
}
