// Whether a version falls in an OSV affected entry, and the least version that leaves it, following
// the OSV schema's evaluation of `introduced`/`fixed`/`last_affected`/`limit` events.
import type { AffectedPackage, AffectedRange, RangeEvent } from "./advisories/advisory.ts";
import type { VersionScheme } from "./versions/index.ts";

function eventVersion(event: RangeEvent): string {
  if ("introduced" in event) return event.introduced;
  if ("fixed" in event) return event.fixed;
  if ("last_affected" in event) return event.last_affected;
  return event.limit;
}

const sortedCache = new WeakMap<AffectedRange, RangeEvent[]>();

/** Orders events by version, "introduced: 0" first; an introduced sorts before a fix at the same version. */
function sortedEvents(range: AffectedRange, scheme: VersionScheme): RangeEvent[] {
  const cached = sortedCache.get(range);
  if (cached) return cached;
  const isZero = (event: RangeEvent) => "introduced" in event && event.introduced === "0";
  const sorted = [...range.events].sort((a, b) => {
    if (isZero(a) || isZero(b)) return Number(isZero(b)) - Number(isZero(a));
    return (
      scheme.compare(eventVersion(a), eventVersion(b)) ||
      Number("introduced" in b) - Number("introduced" in a)
    );
  });
  sortedCache.set(range, sorted);
  return sorted;
}

export function rangeAffects(
  range: AffectedRange,
  version: string,
  scheme: VersionScheme,
): boolean {
  let affected = false;
  for (const event of sortedEvents(range, scheme)) {
    const at = eventVersion(event);
    if ("introduced" in event) {
      if (at === "0" || scheme.compare(version, at) >= 0) affected = true;
    } else if ("fixed" in event) {
      if (scheme.compare(version, at) >= 0) affected = false;
    } else if ("last_affected" in event) {
      if (scheme.compare(version, at) > 0) affected = false;
    } else if (scheme.compare(version, at) >= 0) {
      return false; // at or past the limit nothing in this range applies
    }
  }
  return affected;
}

const listCache = new WeakMap<AffectedPackage, Set<string>>();

/**
 * Whether the version is in the entry's explicit list. Exact text first; equal-but-differently
 * written versions ("1.0" vs "1.0.0") are compared by the scheme only when the entry has no ranges,
 * since OSV lists generated from ranges add nothing the ranges do not already say.
 */
function listed(entry: AffectedPackage, version: string, scheme: VersionScheme): boolean {
  if (entry.versions.length === 0) return false;
  let set = listCache.get(entry);
  if (!set) {
    set = new Set(entry.versions);
    listCache.set(entry, set);
  }
  if (set.has(version)) return true;
  if (entry.ranges.length > 0) return false;
  return entry.versions.some(
    (candidate) => scheme.isValid(candidate) && scheme.compare(candidate, version) === 0,
  );
}

export function entryAffects(
  entry: AffectedPackage,
  version: string,
  scheme: VersionScheme,
): boolean {
  return (
    listed(entry, version, scheme) ||
    entry.ranges.some((range) => rangeAffects(range, version, scheme))
  );
}

/**
 * The least `fixed` version above `version` that no entry affects: upgrading to it leaves the
 * advisory behind, even when the package has several affected branches.
 */
export function minimalFixedVersion(
  entries: AffectedPackage[],
  version: string,
  scheme: VersionScheme,
): string | undefined {
  const candidates = entries
    .flatMap((entry) => entry.ranges.flatMap((range) => range.events))
    .filter((event): event is { fixed: string } => "fixed" in event)
    .map((event) => event.fixed)
    .filter((fixed) => scheme.compare(fixed, version) > 0)
    .sort((a, b) => scheme.compare(a, b));
  return candidates.find((fixed) => !entries.some((entry) => entryAffects(entry, fixed, scheme)));
}
