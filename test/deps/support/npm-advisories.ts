// Turns the Node.js Security WG's legacy npm advisories (../shared/advisories/nodejs-security-wg-npm)
// into OSV records, so tests scan npm lockfiles against real advisories.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import semver from "semver";

export const NPM_ADVISORY_DIR = new URL(
  "../../../../shared/advisories/nodejs-security-wg-npm/",
  import.meta.url,
).pathname;

interface LegacyAdvisory {
  id: number;
  updated_at?: string;
  publish_date?: string;
  title: string;
  module_name: string;
  cves?: string[];
  vulnerable_versions: string;
  patched_versions?: string;
  cvss_vector?: string | null;
  overview?: string;
}

type Event = Record<"introduced" | "fixed" | "last_affected", string>;

/** One OSV range per `||` alternative of the npm range; bounds become introduced/fixed/last_affected. */
function rangesFor(vulnerable: string): { type: "SEMVER"; events: Partial<Event>[] }[] {
  const range = new semver.Range(vulnerable, { loose: true });
  return range.set.map((comparators) => {
    const events: Partial<Event>[] = [];
    let introduced = "0";
    for (const comparator of comparators) {
      const version = comparator.value === "" ? undefined : comparator.semver.version;
      if (!version) continue;
      if (comparator.operator === ">=") introduced = version;
      else if (comparator.operator === ">") introduced = semver.inc(version, "patch") as string;
      else if (comparator.operator === "<") events.push({ fixed: version });
      else if (comparator.operator === "<=") events.push({ last_affected: version });
      else if (comparator.operator === "" || comparator.operator === "=") {
        introduced = version;
        events.push({ last_affected: version });
      }
    }
    return { type: "SEMVER", events: [{ introduced }, ...events] };
  });
}

export function toOsv(advisory: LegacyAdvisory): Record<string, unknown> {
  return {
    schema_version: "1.6.0",
    id: `NSWG-NPM-${advisory.id}`,
    aliases: advisory.cves ?? [],
    summary: advisory.title,
    details: advisory.overview,
    modified: new Date(advisory.updated_at ?? advisory.publish_date ?? 0).toISOString(),
    published: new Date(advisory.publish_date ?? 0).toISOString(),
    severity: advisory.cvss_vector ? [{ type: "CVSS_V3", score: advisory.cvss_vector }] : [],
    affected: [
      {
        package: { ecosystem: "npm", name: advisory.module_name },
        ranges: rangesFor(advisory.vulnerable_versions),
      },
    ],
  };
}

/** Every convertible advisory of the directory as OSV records, keyed by file name. */
export function npmOsvRecords(dir = NPM_ADVISORY_DIR): Map<string, Record<string, unknown>> {
  const records = new Map<string, Record<string, unknown>>();
  for (const file of readdirSync(dir).filter((name) => name.endsWith(".json"))) {
    const legacy = JSON.parse(readFileSync(join(dir, file), "utf8")) as LegacyAdvisory;
    if (!semver.validRange(legacy.vulnerable_versions, { loose: true })) continue;
    records.set(`NSWG-NPM-${legacy.id}.json`, toOsv(legacy));
  }
  return records;
}

export function npmAdvisory(id: number, dir = NPM_ADVISORY_DIR): Record<string, unknown> {
  return toOsv(JSON.parse(readFileSync(join(dir, `${id}.json`), "utf8")) as LegacyAdvisory);
}
