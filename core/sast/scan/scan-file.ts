// One file through the whole pipeline, never throwing: what a worker does per file.

import { TimeBudget } from "../budget.ts";
import type { TaintedParameter } from "../cross-file.ts";
import type { Finding, ScanProblem } from "../finding.ts";
import type { FileKind } from "../languages.ts";
import { matchFile } from "../match-file.ts";
import type { CompiledRule } from "../rule.ts";
import { readSource } from "./read-source.ts";

export interface FileJob {
  absolutePath: string;
  /** Relative to the scan root, forward slashes. */
  path: string;
  kind: FileKind;
  /** Exported parameters that other files call with request data (see cross-file.ts). */
  taintedParameters?: TaintedParameter[];
}

export interface FileOutcome {
  path: string;
  findings: Finding[];
  problems: ScanProblem[];
  skipped?: "generated";
}

/** Per-file limits from config: sast.maxFileSize and sast.maxFileSeconds. */
export interface FileLimits {
  maxFileSize: number;
  maxFileSeconds: number;
}

export function scanFile(job: FileJob, rules: CompiledRule[], limits: FileLimits): FileOutcome {
  try {
    const source = readSource(job.absolutePath, limits.maxFileSize);
    if (!source.ok) {
      if ("skip" in source)
        return { path: job.path, findings: [], problems: [], skipped: source.skip };
      return { path: job.path, findings: [], problems: [problem(job.path, source.problem)] };
    }
    const budget = new TimeBudget(limits.maxFileSeconds * 1000);
    const result = matchFile(job.path, source.text, job.kind, rules, budget, job.taintedParameters);
    return { path: job.path, ...result };
  } catch (error) {
    // A parser or rule failure on one file must not stop the scan; it makes it incomplete.
    return {
      path: job.path,
      findings: [],
      problems: [problem(job.path, `could not scan: ${(error as Error).message}`)],
    };
  }
}

function problem(path: string, message: string): ScanProblem {
  return { level: "error", subject: path, message };
}
