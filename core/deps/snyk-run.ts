// Runs the Snyk CLI the user provides (never installed by Upkeep) and returns its JSON merge.
// The token travels only in the child's environment and is scrubbed from anything we report.
import { spawn } from "node:child_process";
import { parseSnykJson, type SnykMerge } from "./snyk.ts";

export interface SnykRunOptions {
  command: string;
  args: string[];
  cwd: string;
  token: string;
  env?: NodeJS.ProcessEnv;
}

function scrub(text: string, token: string): string {
  return token ? text.split(token).join("***") : text;
}

export async function runSnyk(options: SnykRunOptions): Promise<SnykMerge> {
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: { ...(options.env ?? process.env), SNYK_TOKEN: options.token },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => {
    stdout += chunk;
  });
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  const code = await new Promise<number | string>((resolve) => {
    child.on("error", (error) => resolve((error as NodeJS.ErrnoException).code ?? error.message));
    child.on("close", (exit) => resolve(exit ?? 1));
  });
  if (code === "ENOENT") {
    return {
      advisories: [],
      packages: [],
      problems: [
        `snyk: command "${options.command}" not found; install the Snyk CLI in the job to use it`,
      ],
    };
  }
  // Snyk exits 1 when it found vulnerabilities; its JSON is on stdout for 0, 1 and most errors.
  const merge = stdout.trim()
    ? parseSnykJson(stdout)
    : { advisories: [], packages: [], problems: [] as string[] };
  if (code !== 0 && code !== 1 && merge.problems.length === 0 && merge.advisories.length === 0) {
    merge.problems.push(
      `snyk exited with ${code}: ${scrub(stderr.trim().split("\n")[0] ?? "", options.token)}`,
    );
  }
  merge.problems = merge.problems.map((problem) => scrub(problem, options.token));
  return merge;
}
