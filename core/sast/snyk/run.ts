// Runs the user's Snyk CLI (`snyk code test --sarif`). Upkeep never installs it; the token comes
// from SNYK_TOKEN in the environment and is scrubbed from anything we print.
import { execFile } from "node:child_process";
import type { ScanProblem } from "../finding.ts";
import { parseSnykSarif, type SnykParse } from "./parse.ts";

export type SnykRun = Extract<SnykParse, { ok: true }> | { ok: false; problem: ScanProblem };

const SUBJECT = "snyk code test";

export async function runSnykCode(root: string, env: NodeJS.ProcessEnv): Promise<SnykRun> {
  const token = env.SNYK_TOKEN;
  if (!token) return failure("SNYK_TOKEN is not set; Snyk Code results were not merged");
  const outcome = await new Promise<{ code: number | string; stdout: string; stderr: string }>(
    (resolve) => {
      execFile(
        "snyk",
        ["code", "test", "--sarif"],
        { cwd: root, env, maxBuffer: 256 * 1024 * 1024 },
        (error, stdout, stderr) => {
          const code = (error as NodeJS.ErrnoException | null)?.code ?? (error ? 1 : 0);
          resolve({ code: code ?? 0, stdout, stderr });
        },
      );
    },
  );
  if (outcome.code === "ENOENT")
    return failure(
      "the Snyk CLI is not on PATH; install it in the workflow (Upkeep never installs it)",
    );
  // Snyk exits 1 when it found issues; 2 and 3 are failures or nothing to scan.
  if (outcome.code !== 0 && outcome.code !== 1) {
    const detail = redact((outcome.stderr || outcome.stdout).trim().split("\n")[0] ?? "", token);
    return failure(`exited with ${outcome.code}: ${detail}`);
  }
  const parsed = parseSnykSarif(outcome.stdout);
  return parsed.ok ? parsed : failure(redact(parsed.message, token));
}

function redact(text: string, token: string): string {
  return text.split(token).join("***");
}

function failure(message: string): SnykRun {
  return { ok: false, problem: { level: "error", subject: SUBJECT, message } };
}
