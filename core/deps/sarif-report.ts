// The scan as SARIF 2.1.0 for GitHub code scanning: one rule per advisory, one result per package
// and lockfile, level and `security-severity` from the finding's severity, fingerprints that hold
// across runs, ignored findings carried as suppressions, database identity in the run properties.
import { buildLog, problemNotification, sarifLocation } from "../sarif/build.ts";
import { levelForScore, securitySeverityProperty } from "../sarif/severity.ts";
import type { SarifLevel, SarifLog, SarifResult, SarifRule } from "../sarif/types.ts";
import type { JudgedFinding } from "./policy.ts";
import type { ScanResult } from "./scan.ts";
import type { SeverityLevel } from "./severity.ts";

/** Score used for GitHub's severity band when a database gives only a label. */
const LABEL_SCORE: Record<Exclude<SeverityLevel, "unknown">, number> = {
  critical: 9.5,
  high: 8.0,
  medium: 5.5,
  low: 2.0,
};

function scoreOf(finding: JudgedFinding): number | undefined {
  if (finding.severity.score !== undefined) return finding.severity.score;
  return finding.severity.level === "unknown" ? undefined : LABEL_SCORE[finding.severity.level];
}

function levelOf(finding: JudgedFinding): SarifLevel {
  return levelForScore(scoreOf(finding));
}

function ruleFor(finding: JudgedFinding): SarifRule {
  const score = scoreOf(finding);
  const title = finding.summary ?? `${finding.id} in ${finding.name}`;
  return {
    id: finding.id,
    name: finding.id.replace(/[^A-Za-z0-9]/g, ""),
    shortDescription: { text: title },
    fullDescription: { text: `${title}. Also known as: ${finding.ids.join(", ")}.` },
    ...(finding.url ? { helpUri: finding.url } : {}),
    help: {
      text: `${title}\nUpgrade the affected package to a fixed version, or record an ignore with a reason in .github/upkeep.yml.`,
    },
    properties: {
      tags: ["security", "dependency"],
      ...(score !== undefined ? { "security-severity": securitySeverityProperty(score) } : {}),
    },
  };
}

/** `prefix` turns paths relative to the scanned directory into paths relative to the repository. */
function resultFor(finding: JudgedFinding, prefix: string): Omit<SarifResult, "ruleIndex"> {
  const fix = finding.fixedIn ? ` Fixed in ${finding.fixedIn}.` : " No fixed version yet.";
  const result: Omit<SarifResult, "ruleIndex"> = {
    ruleId: finding.id,
    level: levelOf(finding),
    message: {
      text: `${finding.name} ${finding.version} (${finding.ecosystem}) is affected by ${finding.id}${finding.summary ? `: ${finding.summary}` : ""}.${fix}`,
    },
    locations: finding.locations.map((location) =>
      sarifLocation({ file: prefix + location.file, line: location.line, column: location.column }),
    ),
    fingerprints: { "upkeep/deps/v1": finding.fingerprint },
    partialFingerprints: { "upkeep/deps/v1": finding.fingerprint },
    properties: {
      ecosystem: finding.ecosystem,
      name: finding.name,
      version: finding.version,
      file: finding.file,
      ids: finding.ids,
      scope: finding.scope,
      severity: finding.severity.level,
      status: finding.status,
      ...(finding.fixedIn ? { fixedIn: finding.fixedIn } : {}),
    },
  };
  if (finding.isNew !== undefined) result.baselineState = finding.isNew ? "new" : "unchanged";
  if (finding.ignoredBy) {
    result.suppressions = [
      { kind: "external", status: "accepted", justification: finding.ignoredBy.reason },
    ];
  }
  return result;
}

/** Problems located in a file get its location; source failures (network, config) have none. */
const LOCATED_KINDS = new Set(["lockfile", "database", "baseline", "config"]);

/**
 * `pathPrefix` (e.g. "services/api/") is prepended to lockfile paths when the scanned directory is
 * not the repository root, so code scanning points at the right files.
 */
export function toSarif(
  result: ScanResult,
  tool: { name: string; version: string; informationUri?: string },
  pathPrefix = "",
): SarifLog {
  const prefix = pathPrefix && !pathPrefix.endsWith("/") ? `${pathPrefix}/` : pathPrefix;
  const rules = new Map<string, SarifRule>();
  for (const finding of result.policy.findings)
    if (!rules.has(finding.id)) rules.set(finding.id, ruleFor(finding));
  return buildLog([
    {
      tool: {
        name: tool.name,
        version: tool.version,
        semanticVersion: tool.version,
        ...(tool.informationUri ? { informationUri: tool.informationUri } : {}),
      },
      rules: [...rules.values()],
      results: result.policy.findings.map((finding) => resultFor(finding, prefix)),
      category: "upkeep/dependency-scan/",
      notifications: result.problems.map((problem) =>
        problemNotification(
          `${problem.kind}: ${problem.file}: ${problem.message}`,
          LOCATED_KINDS.has(problem.kind) && problem.kind !== "database"
            ? { file: prefix + problem.file, line: problem.line }
            : undefined,
        ),
      ),
      properties: { databases: result.databases, complete: !result.incomplete },
    },
  ]);
}
