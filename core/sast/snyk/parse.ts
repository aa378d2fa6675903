// Reads `snyk code test --sarif` output into Upkeep findings, so Snyk Code results share our
// suppressions, baselines, thresholds and SARIF upload.
import { createHash } from "node:crypto";
import type { Finding } from "../finding.ts";
import type { FindingSeverity } from "../severity.ts";

export interface SnykRule {
  id: string;
  name: string;
  description: string;
  cwe: string[];
  severity: FindingSeverity;
  helpUri?: string;
}

export type SnykParse =
  | { ok: true; findings: Finding[]; rules: SnykRule[] }
  | { ok: false; message: string };

const LEVEL_SEVERITY: Record<string, FindingSeverity> = {
  error: "high",
  warning: "medium",
  note: "low",
};

export function parseSnykSarif(text: string): SnykParse {
  let log: SarifLike;
  try {
    log = JSON.parse(text) as SarifLike;
  } catch (error) {
    return { ok: false, message: `snyk output is not JSON: ${(error as Error).message}` };
  }
  if (!Array.isArray(log?.runs))
    return { ok: false, message: "snyk output is not a SARIF log (no runs)" };
  const rules = new Map<string, SnykRule>();
  const findings: Finding[] = [];
  for (const run of log.runs) {
    for (const rule of run.tool?.driver?.rules ?? []) rules.set(rule.id, ruleOf(rule));
    for (const result of run.results ?? []) {
      const finding = findingOf(result, rules);
      if (finding) findings.push(finding);
    }
  }
  return { ok: true, findings, rules: [...rules.values()] };
}

function ruleOf(rule: SarifRuleLike): SnykRule {
  const level = rule.defaultConfiguration?.level ?? "warning";
  return {
    id: `snyk/${rule.id}`,
    name: rule.name ?? rule.shortDescription?.text ?? rule.id,
    description: rule.shortDescription?.text ?? rule.name ?? rule.id,
    cwe: (rule.properties?.cwe ?? []).filter((cwe) => /^CWE-\d+$/.test(cwe)),
    severity: LEVEL_SEVERITY[level] ?? "medium",
    helpUri: rule.helpUri,
  };
}

function findingOf(result: SarifResultLike, rules: Map<string, SnykRule>): Finding | undefined {
  const location = result.locations?.[0]?.physicalLocation;
  const uri = location?.artifactLocation?.uri;
  if (!result.ruleId || !uri) return undefined;
  const region = location.region ?? {};
  const ruleId = `snyk/${result.ruleId}`;
  const path = decodeURIComponent(uri)
    .replace(/^file:\/\//, "")
    .replace(/^\.\//, "");
  const snykPrint = Object.values(result.fingerprints ?? {}).find(
    (value) => typeof value === "string",
  );
  const identity = snykPrint ?? `${result.message?.text ?? ""}:${region.startLine ?? 0}`;
  return {
    ruleId,
    severity: LEVEL_SEVERITY[result.level ?? ""] ?? rules.get(result.ruleId)?.severity ?? "medium",
    message: result.message?.text ?? ruleId,
    path,
    startLine: region.startLine ?? 1,
    startColumn: region.startColumn ?? 1,
    endLine: region.endLine ?? region.startLine ?? 1,
    endColumn: region.endColumn ?? region.startColumn ?? 1,
    snippet: "",
    fingerprint: createHash("sha256")
      .update(`${ruleId}\u0000${path}\u0000${identity}`)
      .digest("hex")
      .slice(0, 32),
    tool: "snyk-code",
  };
}

interface SarifLike {
  runs: {
    tool?: { driver?: { rules?: SarifRuleLike[] } };
    results?: SarifResultLike[];
  }[];
}

interface SarifRuleLike {
  id: string;
  name?: string;
  shortDescription?: { text?: string };
  helpUri?: string;
  defaultConfiguration?: { level?: string };
  properties?: { cwe?: string[] };
}

interface SarifResultLike {
  ruleId?: string;
  level?: string;
  message?: { text?: string };
  fingerprints?: Record<string, string>;
  locations?: {
    physicalLocation?: {
      artifactLocation?: { uri?: string };
      region?: { startLine?: number; startColumn?: number; endLine?: number; endColumn?: number };
    };
  }[];
}
