// Everyone who committed before a point in history, for marking first-time contributors. Stops
// reading as soon as every person we ask about has been found.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";

export async function knownAuthorsBefore(
  cwd: string,
  base: string | undefined,
  wanted: Iterable<string>,
): Promise<Set<string>> {
  const missing = new Set([...wanted].map((email) => email.toLowerCase()));
  const found = new Set<string>();
  if (!base || missing.size === 0) return found;
  const child = spawn("git", ["log", "--format=%ae", base, "--"], {
    cwd,
    stdio: ["ignore", "pipe", "ignore"],
  });
  const lines = createInterface({ input: child.stdout });
  for await (const line of lines) {
    const email = line.trim().toLowerCase();
    if (!missing.delete(email)) continue;
    found.add(email);
    if (missing.size === 0) break;
  }
  lines.close();
  if (child.exitCode === null) child.kill();
  return found;
}
