// A dependency scan from packages to a verdict: ask every advisory source about the packages,
// match versions, merge aliases, apply the policy, and keep every problem so the caller can say
// whether the scan was complete.
import type { Advisory, DatabaseIdentity } from "./advisories/advisory.ts";
import { packageKey } from "./advisories/package-key.ts";
import type { AdvisorySource, PackageQuery } from "./advisories/source.ts";
import type { DepsConfig, IgnoreRule } from "./config.ts";
import type { CollectedPackages, ParsedLockfile } from "./lockfiles/collect.ts";
import { matchPackages, type Unmatchable } from "./match.ts";
import type { LockedPackage } from "./package.ts";
import { applyPolicy, type PolicyOutcome } from "./policy.ts";
import { SEVERITY_ORDER, type SeverityLevel } from "./severity.ts";

export interface ScanProblem {
  kind: "lockfile" | "database" | "source" | "config" | "baseline";
  file: string;
  line?: number;
  message: string;
}

export interface ScanCounts {
  packages: number;
  findings: number;
  failing: number;
  ignored: number;
  bySeverity: Record<SeverityLevel, number>;
}

export interface ScanResult {
  lockfiles: ParsedLockfile[];
  databases: DatabaseIdentity[];
  policy: PolicyOutcome;
  problems: ScanProblem[];
  unscannable: CollectedPackages["unscannable"];
  unmatchable: Unmatchable[];
  counts: ScanCounts;
  /** Some file, record or source could not be read: findings may be missing. */
  incomplete: boolean;
  /** 0 clean, 1 failing findings, 3 incomplete (which wins: a partial scan proves nothing). */
  exitCode: 0 | 1 | 3;
}

export interface ScanInput {
  collected: CollectedPackages;
  sources: AdvisorySource[];
  config: DepsConfig;
  ignores: IgnoreRule[];
  now: Date;
  baseline?: Set<string>;
  /** Problems found before the scan (ignore file, baseline), reported with the rest. */
  problems?: ScanProblem[];
  /** Packages only another tool (Snyk) saw, with the advisories it reported for them. */
  extra?: { packages: LockedPackage[]; advisories: Advisory[] };
}

function uniqueQueries(packages: LockedPackage[]): PackageQuery[] {
  const seen = new Map<string, PackageQuery>();
  for (const pkg of packages) {
    const key = `${packageKey(pkg.ecosystem, pkg.name)}\u0000${pkg.version}`;
    if (!seen.has(key))
      seen.set(key, { ecosystem: pkg.ecosystem, name: pkg.name, version: pkg.version });
  }
  return [...seen.values()];
}

async function askSources(input: ScanInput, packages: LockedPackage[]) {
  const byPackage = new Map<string, Advisory[]>();
  const file = (advisory: Advisory) => {
    for (const key of new Set(
      advisory.affected.map((entry) => packageKey(entry.ecosystem, entry.name)),
    )) {
      const list = byPackage.get(key) ?? [];
      list.push(advisory);
      byPackage.set(key, list);
    }
  };
  const databases: DatabaseIdentity[] = [];
  const problems: ScanProblem[] = [];
  const queries = uniqueQueries(packages);
  for (const source of input.sources) {
    try {
      const answer = await source.lookup(queries);
      databases.push(answer.identity);
      answer.advisories.forEach(file);
      for (const problem of answer.problems)
        problems.push({ kind: "database", file: problem.file, message: problem.message });
    } catch (error) {
      problems.push({
        kind: "source",
        file: source.kind,
        message: `advisory source failed: ${(error as Error).message}`,
      });
    }
  }
  input.extra?.advisories.forEach(file);
  return { byPackage, databases, problems };
}

function countFindings(policy: PolicyOutcome, packages: number): ScanCounts {
  const bySeverity = Object.fromEntries(SEVERITY_ORDER.map((level) => [level, 0])) as Record<
    SeverityLevel,
    number
  >;
  for (const finding of policy.findings)
    if (finding.status !== "ignored") bySeverity[finding.severity.level]++;
  return {
    packages,
    findings: policy.findings.filter((finding) => finding.status !== "ignored").length,
    failing: policy.failing.length,
    ignored: policy.findings.filter((finding) => finding.status === "ignored").length,
    bySeverity,
  };
}

export async function scanPackages(input: ScanInput): Promise<ScanResult> {
  const packages = [...input.collected.packages, ...(input.extra?.packages ?? [])];
  const { byPackage, databases, problems } = await askSources(input, packages);
  const matched = matchPackages(
    packages,
    (pkg) => byPackage.get(packageKey(pkg.ecosystem, pkg.name)) ?? [],
  );
  const policy = applyPolicy({
    findings: matched.findings,
    config: input.config,
    ignores: input.ignores,
    now: input.now,
    ...(input.baseline ? { baseline: input.baseline } : {}),
  });
  const allProblems: ScanProblem[] = [
    ...(input.problems ?? []),
    ...input.collected.problems.map((problem) => ({ kind: "lockfile" as const, ...problem })),
    ...problems,
  ];
  if (input.sources.length === 0 && !input.extra) {
    allProblems.push({
      kind: "source",
      file: "(config)",
      message:
        "no advisory source: give an offline OSV database (--db, the action's `database`, or deps.sources.database) or enable deps.sources.osvApi",
    });
  }
  const incomplete = allProblems.length > 0;
  return {
    lockfiles: input.collected.lockfiles,
    databases,
    policy,
    problems: allProblems,
    unscannable: input.collected.unscannable,
    unmatchable: matched.unmatchable,
    counts: countFindings(
      policy,
      new Set(packages.map((pkg) => `${packageKey(pkg.ecosystem, pkg.name)}@${pkg.version}`)).size,
    ),
    incomplete,
    exitCode: incomplete ? 3 : policy.failing.length > 0 ? 1 : 0,
  };
}
