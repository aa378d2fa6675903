// GitHub's global security advisories as an advisory source. The face hands in the port's
// `listGlobalAdvisories`, so the core stays free of Octokit; GitHub's range syntax
// (">= 1.0, < 1.2.3") becomes OSV events here.
import { createHash } from "node:crypto";
import type { Ecosystem } from "../package.ts";
import type { Advisory, AffectedRange, RangeEvent } from "./advisory.ts";
import type { AdvisorySource, PackageQuery, SourceAnswer } from "./source.ts";

/** The slice of GitHub's port this source uses; see github/port.ts. */
export interface GlobalAdvisoryReader {
  listGlobalAdvisories(ecosystem: string, packages: string[]): Promise<GitHubAdvisory[]>;
}

export interface GitHubAdvisory {
  ghsaId: string;
  cveId?: string;
  summary: string;
  url: string;
  /** "critical" | "high" | "medium" | "low" | "unknown". */
  severity: string;
  cvss: { vector: string; version: "3" | "4" }[];
  updatedAt?: string;
  withdrawnAt?: string;
  vulnerabilities: {
    ecosystem: string;
    name: string;
    /** GitHub's range syntax, e.g. ">= 1.0.0, < 1.2.3". */
    vulnerableRange?: string;
    firstPatched?: string;
  }[];
}

const TO_GITHUB: Record<Ecosystem, string> = {
  npm: "npm",
  PyPI: "pip",
  Go: "go",
  "crates.io": "rust",
  RubyGems: "rubygems",
  Packagist: "composer",
  NuGet: "nuget",
  Maven: "maven",
  Pub: "pub",
  Hex: "erlang",
};
const FROM_GITHUB = new Map(
  Object.entries(TO_GITHUB).map(([ours, theirs]) => [theirs, ours as Ecosystem]),
);

/** ">= 1.0, < 1.2.3" → introduced 1.0, fixed 1.2.3; "<= 2.0" → last_affected; "= 1.1" → that version. */
export function rangeFromGitHub(
  range: string,
  firstPatched?: string,
): AffectedRange | { versions: string[] } {
  let introduced = "0";
  const events: RangeEvent[] = [];
  for (const part of range
    .split(",")
    .map((text) => text.trim())
    .filter(Boolean)) {
    const match = /^(>=|>|<=|<|=)?\s*(\S+)$/.exec(part);
    if (!match) continue;
    const [, operator = "=", version = ""] = match;
    if (operator === "=") return { versions: [version] };
    if (operator === ">=" || operator === ">") introduced = version;
    else if (operator === "<") events.push({ fixed: version });
    else events.push({ last_affected: version });
  }
  if (events.length === 0 && firstPatched) events.push({ fixed: firstPatched });
  return { type: "ECOSYSTEM", events: [{ introduced }, ...events] };
}

export function advisoryFromGitHub(item: GitHubAdvisory): Advisory {
  const affected = item.vulnerabilities.flatMap((entry) => {
    const ecosystem = FROM_GITHUB.get(entry.ecosystem);
    if (!ecosystem || !entry.vulnerableRange) return [];
    const range = rangeFromGitHub(entry.vulnerableRange, entry.firstPatched);
    return [
      "versions" in range
        ? { ecosystem, name: entry.name, ranges: [], versions: range.versions }
        : { ecosystem, name: entry.name, ranges: [range], versions: [] },
    ];
  });
  return {
    id: item.ghsaId,
    aliases: item.cveId ? [item.cveId] : [],
    summary: item.summary,
    url: item.url,
    severity: item.cvss.map((entry) => ({ type: `CVSS_V${entry.version}`, score: entry.vector })),
    ...(item.severity !== "unknown" ? { databaseSeverity: item.severity } : {}),
    ...(item.updatedAt ? { modified: item.updatedAt } : {}),
    ...(item.withdrawnAt ? { withdrawn: item.withdrawnAt } : {}),
    affected,
  };
}

export function githubAdvisorySource(reader: GlobalAdvisoryReader): AdvisorySource {
  return {
    kind: "github",
    async lookup(queries: PackageQuery[]): Promise<SourceAnswer> {
      const byEcosystem = new Map<string, Set<string>>();
      for (const query of queries) {
        const ecosystem = TO_GITHUB[query.ecosystem];
        const set = byEcosystem.get(ecosystem) ?? new Set<string>();
        set.add(`${query.name}@${query.version}`);
        byEcosystem.set(ecosystem, set);
      }
      const seen = new Map<string, Advisory>();
      for (const [ecosystem, packages] of byEcosystem) {
        for (const item of await reader.listGlobalAdvisories(ecosystem, [...packages])) {
          seen.set(item.ghsaId, advisoryFromGitHub(item));
        }
      }
      const advisories = [...seen.values()].sort((a, b) => a.id.localeCompare(b.id));
      const hash = createHash("sha256");
      for (const advisory of advisories) hash.update(`${advisory.id}@${advisory.modified ?? ""}\n`);
      const newest = advisories
        .map((advisory) => advisory.modified ?? "")
        .sort()
        .at(-1);
      return {
        advisories: advisories.filter((advisory) => !advisory.withdrawn),
        problems: [],
        identity: {
          source: "GitHub global security advisories",
          records: advisories.length,
          contentHash: hash.digest("hex"),
          ...(newest ? { newestModified: newest } : {}),
        },
      };
    },
  };
}
