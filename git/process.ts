// Runs git without a shell. Arguments are passed as a list, so refs and paths are never interpreted.
import { spawn } from "node:child_process";

export class GitError extends Error {
  override name = "GitError";
}

export async function git(cwd: string, args: string[]): Promise<string> {
  const child = spawn("git", args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
  child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
  const code = await exitOf(child);
  if (code !== 0)
    throw new GitError(
      `git ${args.join(" ")} failed in ${cwd}: ${Buffer.concat(err).toString().trim()}`,
    );
  return Buffer.concat(out).toString("utf8");
}

/** Like git() but undefined instead of an error (an optional remote, a missing ref). */
export async function gitMaybe(cwd: string, args: string[]): Promise<string | undefined> {
  try {
    return await git(cwd, args);
  } catch (error) {
    if (error instanceof GitError) return undefined;
    throw error;
  }
}

export function exitOf(child: ReturnType<typeof spawn>): Promise<number> {
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve(code ?? 1));
  });
}
