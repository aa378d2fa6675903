// Hands SAST findings at or above `sast.trackOn` to the security-window tracking issues, one per
// finding (its fingerprint survives moved lines). Suppressed findings go as dismissed with their
// reason, so an open window closes with the reason on record.
import { findingSchema, type Finding as TrackingFinding } from "../tracking/security/finding.ts";
import type { Finding } from "./finding.ts";
import type { CompiledRule } from "./rule.ts";
import { atOrAbove, type FindingSeverity } from "./severity.ts";

export function sastTrackingFindings(
  findings: Finding[],
  rules: CompiledRule[],
  trackOn: FindingSeverity | "none",
  now: Date,
): TrackingFinding[] {
  const notes = new Map(rules.map((rule) => [rule.id, rule.note]));
  return findings
    .filter((finding) => atOrAbove(finding.severity, trackOn))
    .map((finding) => {
      const note = notes.get(finding.ruleId);
      return findingSchema.parse({
        id: `sast:${finding.ruleId}:${finding.fingerprint}`,
        source: "upkeep-sast",
        title: `${finding.ruleId} in ${finding.path}: ${finding.message}`.slice(0, 250),
        rule: finding.ruleId,
        severity: finding.severity,
        firstSeenAt: now.toISOString(),
        ...(note ? { fixHint: note } : {}),
        manifestPaths: [finding.path],
        ...(finding.suppression
          ? { state: "dismissed", resolution: finding.suppression.reason }
          : {}),
      });
    });
}
