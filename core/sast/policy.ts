// What a scan's outcome means for the step: which findings fail it, get annotated, get tracked.
import type { Finding } from "./finding.ts";
import { atOrAbove, type FindingSeverity } from "./severity.ts";

/** Findings a maintainer still has to act on: not suppressed and not in the baseline. */
export function activeFindings(findings: Finding[]): Finding[] {
  return findings.filter(
    (finding) => !finding.suppression && finding.baselineState !== "unchanged",
  );
}

export function failingFindings(findings: Finding[], failOn: FindingSeverity | "none"): Finding[] {
  return activeFindings(findings).filter((finding) => atOrAbove(finding.severity, failOn));
}

/** Exit code: 1 when findings fail the threshold, 3 when the scan was incomplete, else 0. */
export function scanExitCode(failing: number, incomplete: boolean): 0 | 1 | 3 {
  if (failing > 0) return 1;
  return incomplete ? 3 : 0;
}
