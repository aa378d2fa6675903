// Matches locked packages against advisories: which advisories affect each package occurrence,
// merged by alias (a GHSA and its CVE are one finding), with severity and the minimal fix.
import { fingerprintOf } from "../sarif/fingerprint.ts";
import type { Advisory } from "./advisories/advisory.ts";
import { normalizeName, packageKey } from "./advisories/package-key.ts";
import { entryAffects, minimalFixedVersion } from "./affected.ts";
import type { Ecosystem, LockedPackage, PackageLocation } from "./package.ts";
import { advisorySeverity, type Severity, worseSeverity } from "./severity.ts";
import { versionScheme } from "./versions/index.ts";

export interface Finding {
  /** The id shown and used as the SARIF rule: a GHSA id when the group has one. */
  id: string;
  /** Every id and alias of the merged advisories, sorted, `id` included. */
  ids: string[];
  summary?: string;
  url?: string;
  ecosystem: Ecosystem;
  name: string;
  version: string;
  scope: "prod" | "dev";
  direct: boolean;
  file: string;
  /** Where the package sits in its lockfile; several when it is locked more than once. */
  locations: PackageLocation[];
  severity: Severity;
  fixedIn?: string;
  /** Stable identity across runs: advisory, package, version and lockfile (never line numbers). */
  fingerprint: string;
}

export interface Unmatchable {
  ecosystem: Ecosystem;
  name: string;
  version: string;
  file: string;
  reason: string;
}

export interface MatchResult {
  findings: Finding[];
  /** Packages whose version the ecosystem cannot order; reported, never guessed. */
  unmatchable: Unmatchable[];
}

/** One lockfile occurrence group: same package, version, scope and file. */
function occurrenceKey(pkg: LockedPackage): string {
  return [packageKey(pkg.ecosystem, pkg.name), pkg.version, pkg.scope, pkg.location.file].join(
    "\u0000",
  );
}

function groupByAlias(advisories: Advisory[]): Advisory[][] {
  const groups: { ids: Set<string>; members: Advisory[] }[] = [];
  for (const advisory of advisories) {
    const ids = [advisory.id, ...advisory.aliases];
    const joined = groups.filter((group) => ids.some((id) => group.ids.has(id)));
    const merged = { ids: new Set(ids), members: [advisory] };
    for (const group of joined) {
      for (const id of group.ids) merged.ids.add(id);
      for (const member of group.members) merged.members.push(member);
      groups.splice(groups.indexOf(group), 1);
    }
    groups.push(merged);
  }
  return groups.map((group) => group.members);
}

function primaryId(members: Advisory[], ids: string[]): string {
  return (
    ids.find((id) => id.startsWith("GHSA-")) ??
    members.map((member) => member.id).sort()[0] ??
    (ids[0] as string)
  );
}

function toFinding(pkg: LockedPackage, locations: PackageLocation[], members: Advisory[]): Finding {
  const scheme = versionScheme(pkg.ecosystem);
  const ids = [...new Set(members.flatMap((member) => [member.id, ...member.aliases]))].sort();
  const id = primaryId(members, ids);
  const name = normalizeName(pkg.ecosystem, pkg.name);
  const entries = members.flatMap((member) =>
    member.affected.filter(
      (entry) =>
        entry.ecosystem === pkg.ecosystem && normalizeName(entry.ecosystem, entry.name) === name,
    ),
  );
  const lead = members.find((member) => member.id === id) ?? members[0];
  const finding: Finding = {
    id,
    ids,
    ecosystem: pkg.ecosystem,
    name: pkg.name,
    version: pkg.version,
    scope: pkg.scope,
    direct: pkg.direct,
    file: pkg.location.file,
    locations,
    severity: members.map(advisorySeverity).reduce(worseSeverity),
    fingerprint: fingerprintOf([
      "deps/v1",
      pkg.ecosystem,
      name,
      pkg.version,
      pkg.location.file,
      id,
    ]),
  };
  const summary = lead?.summary ?? members.find((member) => member.summary)?.summary;
  const url = lead?.url ?? members.find((member) => member.url)?.url;
  const fixedIn = minimalFixedVersion(entries, pkg.version, scheme);
  if (summary) finding.summary = summary;
  if (url) finding.url = url;
  if (fixedIn) finding.fixedIn = fixedIn;
  return finding;
}

function affectsPackage(advisory: Advisory, pkg: LockedPackage): boolean {
  const scheme = versionScheme(pkg.ecosystem);
  const name = normalizeName(pkg.ecosystem, pkg.name);
  return advisory.affected.some(
    (entry) =>
      entry.ecosystem === pkg.ecosystem &&
      normalizeName(entry.ecosystem, entry.name) === name &&
      entryAffects(entry, pkg.version, scheme),
  );
}

/**
 * `advisoriesFor` returns the advisories naming a package (any version); withdrawn ones are
 * skipped. A version the ecosystem cannot order is reported when some advisory names the package.
 */
export function matchPackages(
  packages: LockedPackage[],
  advisoriesFor: (pkg: LockedPackage) => Advisory[],
): MatchResult {
  const occurrences = new Map<string, { pkg: LockedPackage; locations: PackageLocation[] }>();
  for (const pkg of packages) {
    const key = occurrenceKey(pkg);
    const seen = occurrences.get(key);
    if (seen) seen.locations.push(pkg.location);
    else occurrences.set(key, { pkg, locations: [pkg.location] });
  }
  const result: MatchResult = { findings: [], unmatchable: [] };
  for (const { pkg, locations } of occurrences.values()) {
    const candidates = advisoriesFor(pkg);
    // Most packages have no advisory at all; their version never needs parsing.
    if (candidates.length === 0) continue;
    const scheme = versionScheme(pkg.ecosystem);
    if (!scheme.isValid(pkg.version)) {
      const reason = `"${pkg.version}" is not a ${scheme.name} version`;
      result.unmatchable.push({ ...pick(pkg), reason });
      continue;
    }
    const matched = candidates.filter(
      (advisory) => !advisory.withdrawn && affectsPackage(advisory, pkg),
    );
    for (const members of groupByAlias(matched))
      result.findings.push(toFinding(pkg, locations, members));
  }
  return result;
}

function pick(pkg: LockedPackage): Omit<Unmatchable, "reason"> {
  return {
    ecosystem: pkg.ecosystem,
    name: pkg.name,
    version: pkg.version,
    file: pkg.location.file,
  };
}
