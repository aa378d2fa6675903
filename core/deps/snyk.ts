// Merges the output of `snyk test --json` (a single project's object, or the array that
// `--all-projects` prints) into the scan. Snyk's identifiers and CVSS may be null; vulnerabilities
// of package managers Upkeep does not know are reported, not dropped silently.
import type { Advisory, AffectedPackage } from "./advisories/advisory.ts";
import { packageKey } from "./advisories/package-key.ts";
import type { Ecosystem, LockedPackage } from "./package.ts";
import { versionScheme } from "./versions/index.ts";

const ECOSYSTEM_OF: Record<string, Ecosystem> = {
  npm: "npm",
  yarn: "npm",
  pnpm: "npm",
  pip: "PyPI",
  poetry: "PyPI",
  pipenv: "PyPI",
  maven: "Maven",
  gradle: "Maven",
  sbt: "Maven",
  rubygems: "RubyGems",
  composer: "Packagist",
  nuget: "NuGet",
  paket: "NuGet",
  gomodules: "Go",
  golangdep: "Go",
  govendor: "Go",
  cargo: "crates.io",
  hex: "Hex",
  pub: "Pub",
};

export interface SnykMerge {
  advisories: Advisory[];
  /** Vulnerable packages Snyk saw, located at the project's target file. */
  packages: LockedPackage[];
  problems: string[];
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];

function affectedEntry(
  ecosystem: Ecosystem,
  name: string,
  version: string,
  fixedIn: string[],
): AffectedPackage {
  const scheme = versionScheme(ecosystem);
  const fixes = fixedIn
    .filter(
      (fix) => scheme.isValid(fix) && scheme.isValid(version) && scheme.compare(fix, version) > 0,
    )
    .sort((a, b) => scheme.compare(a, b));
  // Snyk says this version is vulnerable and the least fix is fixes[0]: [version, fix) is affected.
  const ranges = fixes[0]
    ? [{ type: "ECOSYSTEM" as const, events: [{ introduced: version }, { fixed: fixes[0] }] }]
    : [];
  return { ecosystem, name, ranges, versions: [version] };
}

function advisoryOf(vuln: Json, ecosystem: Ecosystem): Advisory | undefined {
  const { id, packageName, version } = vuln;
  if (typeof id !== "string" || typeof packageName !== "string" || typeof version !== "string")
    return undefined;
  const identifiers = isObject(vuln.identifiers) ? vuln.identifiers : {};
  const aliases = [...strings(identifiers.CVE), ...strings(identifiers.GHSA)];
  const advisory: Advisory = {
    id,
    aliases,
    summary: typeof vuln.title === "string" ? vuln.title : id,
    url: `https://security.snyk.io/vuln/${encodeURIComponent(id)}`,
    severity:
      typeof vuln.CVSSv3 === "string" && vuln.CVSSv3
        ? [{ type: "CVSS_V3", score: vuln.CVSSv3 }]
        : [],
    affected: [affectedEntry(ecosystem, packageName, version, strings(vuln.fixedIn))],
  };
  if (typeof vuln.severity === "string") advisory.databaseSeverity = vuln.severity;
  return advisory;
}

function readProject(project: Json, index: number, merge: SnykMerge): void {
  const where = `snyk project ${index + 1}${typeof project.displayTargetFile === "string" ? ` (${project.displayTargetFile})` : ""}`;
  if (typeof project.error === "string") {
    merge.problems.push(`${where}: ${project.error}`);
    return;
  }
  const file =
    typeof project.displayTargetFile === "string"
      ? project.displayTargetFile.replace(/\\/g, "/")
      : "snyk";
  const manager = typeof project.packageManager === "string" ? project.packageManager : "";
  const vulns = Array.isArray(project.vulnerabilities)
    ? project.vulnerabilities.filter(isObject)
    : [];
  for (const vuln of vulns) {
    const ecosystem = ECOSYSTEM_OF[String(vuln.packageManager ?? manager)];
    if (!ecosystem) {
      merge.problems.push(
        `${where}: package manager "${String(vuln.packageManager ?? manager)}" is not one Upkeep scans; ${String(vuln.id)} skipped`,
      );
      continue;
    }
    const advisory = advisoryOf(vuln, ecosystem);
    if (!advisory) {
      merge.problems.push(`${where}: vulnerability without id, packageName or version skipped`);
      continue;
    }
    merge.advisories.push(advisory);
    const from = strings(vuln.from);
    merge.packages.push({
      ecosystem,
      name: vuln.packageName as string,
      version: vuln.version as string,
      scope: "prod",
      direct: from.length <= 2,
      location: { file },
    });
  }
}

/** Reads Snyk's JSON text; a parse failure is one problem, never an exception. */
export function parseSnykJson(text: string): SnykMerge {
  const merge: SnykMerge = { advisories: [], packages: [], problems: [] };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    merge.problems.push(`snyk output is not JSON: ${(error as Error).message}`);
    return merge;
  }
  const projects = Array.isArray(value) ? value : [value];
  projects.forEach((project, index) => {
    if (isObject(project)) readProject(project, index, merge);
    else merge.problems.push(`snyk project ${index + 1}: not an object`);
  });
  return merge;
}

/**
 * The packages to add to a scan: only those the lockfile parsers did not already find (same
 * ecosystem, name and version), so a package both tools saw stays one finding at its lockfile line.
 */
export function snykExtraPackages(merge: SnykMerge, known: LockedPackage[]): LockedPackage[] {
  const seen = new Set(known.map((pkg) => `${packageKey(pkg.ecosystem, pkg.name)}@${pkg.version}`));
  const extra = new Map<string, LockedPackage>();
  for (const pkg of merge.packages) {
    const key = `${packageKey(pkg.ecosystem, pkg.name)}@${pkg.version}`;
    if (!seen.has(key)) extra.set(`${key}\u0000${pkg.location.file}`, pkg);
  }
  return [...extra.values()];
}
