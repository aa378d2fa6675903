// Runs the CLI as a process, as a person or another CI system would.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { finished } from "./process.ts";

export const REPO_ROOT = new URL("../..", import.meta.url).pathname;

export interface CliRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** `entry` defaults to the TypeScript source; pass "dist" to run the bundled file users install. */
export async function runUpkeep(
  args: string[],
  options: {
    cwd?: string;
    env?: Record<string, string>;
    stdin?: string;
    entry?: "source" | "dist";
  } = {},
): Promise<CliRun> {
  const entry =
    options.entry === "dist" ? join(REPO_ROOT, "dist/upkeep.js") : join(REPO_ROOT, "cli/bin.ts");
  const child = spawn(process.execPath, [entry, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: {
      ...process.env,
      UPKEEP_WRITE_SPACING_MS: "0",
      UPKEEP_SEARCH_SPACING_MS: "0",
      ...options.env,
    },
  });
  const done = finished(child);
  child.stdin.end(options.stdin ?? "");
  const { exitCode, stdout, stderr } = await done;
  return { exitCode, stdout, stderr };
}
