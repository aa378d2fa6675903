// Hands scan findings to the security-window tracking (core/tracking/security): one tracking
// finding per advisory and package, whatever the lockfiles, at or above `deps.track.minSeverity`.
// Ignored findings go as dismissed with their reason, so their windows close with it on record.
import { type Finding, type FindingInput, findingSchema } from "../tracking/security/finding.ts";
import { normalizeName } from "./advisories/package-key.ts";
import type { DepsConfig } from "./config.ts";
import type { JudgedFinding } from "./policy.ts";
import type { ScanResult } from "./scan.ts";
import { severityRank } from "./severity.ts";

function tracked(finding: JudgedFinding, config: DepsConfig): boolean {
  if (!config.track.enabled) return false;
  if (finding.scope === "dev" && !config.includeDev) return false;
  return severityRank(finding.effectiveSeverity) >= severityRank(config.track.minSeverity);
}

/** Tracking findings for this scan; `now` is when they were (at the latest) first seen. */
export function trackingFindings(result: ScanResult, config: DepsConfig, now: Date): Finding[] {
  const grouped = new Map<string, JudgedFinding[]>();
  for (const finding of result.policy.findings.filter((candidate) => tracked(candidate, config))) {
    const key = `deps:${finding.ecosystem}/${normalizeName(finding.ecosystem, finding.name)}:${finding.id}`;
    grouped.set(key, [...(grouped.get(key) ?? []), finding]);
  }
  return [...grouped].map(([id, findings]) =>
    findingSchema.parse(trackingFinding(id, findings, now)),
  );
}

function trackingFinding(id: string, findings: JudgedFinding[], now: Date): FindingInput {
  const lead = findings[0] as JudgedFinding;
  const ignored = findings.every((finding) => finding.status === "ignored");
  const versions = [...new Set(findings.map((finding) => finding.version))].join(", ");
  return {
    id,
    aliases: lead.ids.filter((alias) => alias !== lead.id),
    source: "upkeep-deps",
    title: `${lead.id} in ${lead.name} ${versions}${lead.summary ? `: ${lead.summary}` : ""}`.slice(
      0,
      250,
    ),
    package: lead.name,
    ecosystem: lead.ecosystem,
    severity: lead.effectiveSeverity,
    firstSeenAt: now.toISOString(),
    ...(lead.fixedIn ? { fixHint: `Upgrade ${lead.name} to ${lead.fixedIn} or later.` } : {}),
    manifestPaths: [...new Set(findings.map((finding) => finding.file))].sort(),
    ...(lead.url ? { url: lead.url } : {}),
    ...(ignored
      ? {
          state: "dismissed" as const,
          resolution: lead.ignoredBy?.reason ?? "ignored in the Upkeep config",
        }
      : {}),
  };
}
