// Decides what each finding means for this repository: ignored (with reason, until expiry), outside
// the gate (dev-only, already in the baseline, no fix yet, below the threshold) or failing.

import type { FindingSeverity } from "../config/fields.ts";
import { normalizeName } from "./advisories/package-key.ts";
import { baselineKeys } from "./baseline.ts";
import type { DepsConfig, IgnoreRule } from "./config.ts";
import type { Finding } from "./match.ts";
import { pathRules } from "./path-patterns.ts";
import { severityRank } from "./severity.ts";

export type FindingStatus =
  | "failing"
  | "ignored"
  | "dev-only"
  | "in-baseline"
  | "no-fix"
  | "below-threshold";

export interface JudgedFinding extends Finding {
  /** The severity the policy counts: an unknown one counts as `unknownSeverity`. */
  effectiveSeverity: FindingSeverity;
  status: FindingStatus;
  /** Absent when there was no baseline to compare with. */
  isNew?: boolean;
  ignoredBy?: IgnoreRule;
}

export interface PolicyOutcome {
  findings: JudgedFinding[];
  failing: JudgedFinding[];
  expiredIgnores: IgnoreRule[];
  /** Active ignores that expire within the warning window. */
  expiringIgnores: IgnoreRule[];
}

export const EXPIRY_WARNING_DAYS = 14;
const DAY_MS = 86_400_000;

/** A date-only expiry lasts until the end of that day, UTC. */
export function expiryTime(rule: IgnoreRule): number | undefined {
  if (!rule.expires) return undefined;
  const time = Date.parse(rule.expires);
  return /^\d{4}-\d{2}-\d{2}$/.test(rule.expires) ? time + DAY_MS - 1 : time;
}

function ruleMatches(rule: IgnoreRule, finding: Finding): boolean {
  if (!finding.ids.some((id) => id.toUpperCase() === rule.id.toUpperCase())) return false;
  if (
    rule.package &&
    normalizeName(finding.ecosystem, rule.package) !==
      normalizeName(finding.ecosystem, finding.name)
  ) {
    return false;
  }
  return !rule.path || pathRules([rule.path]).ignores(finding.file);
}

function threshold(config: DepsConfig): number {
  if (config.failOn === "none") return Number.POSITIVE_INFINITY;
  if (config.failOn === "any") return severityRank("low");
  return severityRank(config.failOn);
}

function statusOf(finding: Omit<JudgedFinding, "status">, config: DepsConfig): FindingStatus {
  if (finding.ignoredBy) return "ignored";
  if (finding.scope === "dev" && !config.includeDev) return "dev-only";
  if (config.onlyNew && finding.isNew === false) return "in-baseline";
  if (config.fixableOnly && !finding.fixedIn) return "no-fix";
  return severityRank(finding.effectiveSeverity) >= threshold(config)
    ? "failing"
    : "below-threshold";
}

export interface PolicyInput {
  findings: Finding[];
  config: DepsConfig;
  /** Ignores from the config and the ignore file together. */
  ignores: IgnoreRule[];
  now: Date;
  baseline?: Set<string>;
}

export function applyPolicy(input: PolicyInput): PolicyOutcome {
  const now = input.now.getTime();
  const active = input.ignores.filter(
    (rule) => (expiryTime(rule) ?? Number.POSITIVE_INFINITY) >= now,
  );
  const expired = input.ignores.filter((rule) => !active.includes(rule));
  const findings = input.findings.map((finding): JudgedFinding => {
    const judged: Omit<JudgedFinding, "status"> = {
      ...finding,
      effectiveSeverity:
        finding.severity.level === "unknown"
          ? input.config.unknownSeverity
          : finding.severity.level,
    };
    const rule = active.find((candidate) => ruleMatches(candidate, finding));
    if (rule) judged.ignoredBy = rule;
    if (input.baseline)
      judged.isNew = !baselineKeys(finding).some((key) => input.baseline?.has(key));
    return { ...judged, status: statusOf(judged, input.config) };
  });
  return {
    findings,
    failing: findings.filter((finding) => finding.status === "failing"),
    expiredIgnores: expired,
    expiringIgnores: active.filter((rule) => {
      const time = expiryTime(rule);
      return time !== undefined && time - now <= EXPIRY_WARNING_DAYS * DAY_MS;
    }),
  };
}
