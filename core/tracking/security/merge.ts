// How reported findings meet stored ones: which window a finding belongs to, and the findings'
// new states once a report is folded in.
import type { Finding, FindingSource } from "./finding.ts";
import type { TrackedWindow } from "./stored.ts";

/** Reported findings replace what was stored; with complete sources, silence means fixed. */
export function mergeFindings(
  previous: Finding[],
  reported: Finding[],
  completeSources: FindingSource[] | undefined,
  now: Date,
): Finding[] {
  const byId = new Map(previous.map((finding) => [finding.id, finding]));
  for (const finding of reported) {
    const old = byId.get(finding.id);
    // The window counts from the first sighting, even when a later report says otherwise.
    const earlier = old && Date.parse(old.firstSeenAt) < Date.parse(finding.firstSeenAt);
    byId.set(finding.id, {
      ...finding,
      firstSeenAt: earlier ? old.firstSeenAt : finding.firstSeenAt,
    });
  }
  const reportedIds = new Set(reported.map((finding) => finding.id));
  for (const [id, finding] of byId) {
    const silent = !reportedIds.has(id) && completeSources?.includes(finding.source);
    if (finding.state === "open" && silent) {
      byId.set(id, {
        ...finding,
        state: "fixed",
        resolution: "no longer reported by the scan",
        resolvedAt: now.toISOString(),
      });
    }
  }
  return [...byId.values()];
}

/**
 * The same advisory on the same package, reported by two sources (Dependabot and Upkeep's scan),
 * is one problem with one deadline: advisory ids and aliases, per package, point at the window.
 */
export function aliasIndex(windows: Iterable<TrackedWindow>): Map<string, string> {
  const index = new Map<string, string>();
  for (const window of windows) {
    for (const finding of window.findings) {
      for (const token of problemTokens(finding))
        if (!index.has(token)) index.set(token, window.key);
    }
  }
  return index;
}

export function knownAs(finding: Finding, index: Map<string, string>): string | undefined {
  for (const token of problemTokens(finding)) {
    const key = index.get(token);
    if (key) return key;
  }
  return undefined;
}

function problemTokens(finding: Finding): string[] {
  if (!finding.package) return [];
  const where = `${finding.ecosystem ?? ""}/${finding.package}`.toLowerCase();
  const names = (finding.aliases ?? []).filter((alias) =>
    /^(GHSA|CVE|OSV|PYSEC|GO|RUSTSEC)-/i.test(alias),
  );
  return names.map((name) => `${name.toUpperCase()}@${where}`);
}
