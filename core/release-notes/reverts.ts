// A revert and the commit it reverts cancel out when both are in the release: neither is listed
// nor bumps. A revert whose target shipped earlier stays, listed under Reverts.
import type { ReleaseEntry } from "./commit.ts";

/** `entries` newest first (git log order); a revert can only point at something older. */
export function cancelReverts(entries: ReleaseEntry[]): ReleaseEntry[] {
  const cancelled = new Set<ReleaseEntry>();
  entries.forEach((entry, index) => {
    if (cancelled.has(entry) || !entry.reverts) return;
    const target = findOlder(
      entries,
      index,
      (older) => !cancelled.has(older) && isRevertedBy(older, entry),
    );
    if (!target) return;
    cancelled.add(entry);
    // A squash commit's bullets share its sha: reverting the commit reverts them all.
    for (const older of entries) if (older.hash === target.hash) cancelled.add(older);
  });
  return entries.filter((entry) => !cancelled.has(entry));
}

function findOlder(
  entries: ReleaseEntry[],
  index: number,
  matches: (entry: ReleaseEntry) => boolean,
): ReleaseEntry | undefined {
  for (let at = index + 1; at < entries.length; at++) {
    const entry = entries[at] as ReleaseEntry;
    if (matches(entry)) return entry;
  }
  return undefined;
}

function isRevertedBy(older: ReleaseEntry, revert: ReleaseEntry): boolean {
  const { hash, header } = revert.reverts ?? {};
  if (hash && hash.length >= 7) return older.hash.startsWith(hash.toLowerCase());
  return header !== undefined && stripPr(older.header) === stripPr(header);
}

function stripPr(header: string): string {
  return header.replace(/\s*\(#\d+\)\s*$/, "").trim();
}
