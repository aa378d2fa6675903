// A baseline is an earlier scan (our SARIF, the base branch's upload, or our JSON report):
// findings whose fingerprint it holds are "unchanged" and neither fail the step nor annotate.
import type { Finding } from "./finding.ts";

export const FINGERPRINT_KEY = "upkeep/v1";

export type BaselineRead = { ok: true; fingerprints: Set<string> } | { ok: false; message: string };

export function readBaseline(text: string, file: string): BaselineRead {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `${file}: not JSON (${(error as Error).message})` };
  }
  const fingerprints = new Set<string>();
  if (isObject(value) && Array.isArray(value.runs)) {
    for (const run of value.runs) {
      for (const result of isObject(run) && Array.isArray(run.results) ? run.results : []) {
        const print =
          isObject(result) && isObject(result.partialFingerprints)
            ? result.partialFingerprints[FINGERPRINT_KEY]
            : undefined;
        if (typeof print === "string") fingerprints.add(print);
      }
    }
    return { ok: true, fingerprints };
  }
  if (isObject(value) && Array.isArray(value.findings)) {
    for (const finding of value.findings)
      if (isObject(finding) && typeof finding.fingerprint === "string")
        fingerprints.add(finding.fingerprint);
    return { ok: true, fingerprints };
  }
  return {
    ok: false,
    message: `${file}: expected a SARIF log (runs[]) or an Upkeep JSON report (findings[])`,
  };
}

export function markBaseline<T extends Finding>(
  findings: T[],
  baseline: Set<string> | undefined,
): T[] {
  if (!baseline) return findings;
  return findings.map((finding) => ({
    ...finding,
    baselineState: baseline.has(finding.fingerprint) ? "unchanged" : "new",
  }));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
