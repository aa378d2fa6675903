// The scan as SARIF 2.1.0 for code scanning: one run for Upkeep's engine, one for Snyk Code
// when merged, with rule metadata, security-severity, CWE tags and line-independent fingerprints.
import { buildLog, problemNotification, type RunInput, sarifLocation } from "../sarif/build.ts";
import type { SarifLog, SarifResult, SarifRule } from "../sarif/types.ts";
import { FINGERPRINT_KEY } from "./baseline.ts";
import type { Finding } from "./finding.ts";
import type { CompiledRule } from "./rule.ts";
import type { ScanReport } from "./scan/run-scan.ts";
import { sarifLevel, securitySeverityScore } from "./severity.ts";
import type { SnykRule } from "./snyk/parse.ts";

export function buildSastSarif(report: ScanReport, version: string): SarifLog {
  const runs: RunInput[] = [engineRun(report, version)];
  if (
    report.snykRules.length > 0 ||
    report.findings.some((finding) => finding.tool === "snyk-code")
  )
    runs.push(snykRun(report));
  return buildLog(runs);
}

function engineRun(report: ScanReport, version: string): RunInput {
  const findings = report.findings.filter((finding) => finding.tool === "upkeep");
  return {
    tool: {
      name: "Upkeep SAST",
      version,
      semanticVersion: version,
      informationUri: "https://github.com/upkeep-dev/upkeep",
    },
    rules: report.rules.map(sarifRule),
    results: findings.map((finding) => sarifResult(finding, report.baselineUsed)),
    category: "upkeep/sast/",
    notifications: report.problems.map((problem) =>
      problemNotification(
        problem.message,
        problem.line || !problem.subject.includes(" ")
          ? { file: problem.subject, line: problem.line }
          : undefined,
        problem.level,
      ),
    ),
    properties: { filesScanned: report.filesScanned, incomplete: report.incomplete },
  };
}

function snykRun(report: ScanReport): RunInput {
  const findings = report.findings.filter((finding) => finding.tool === "snyk-code");
  const known = new Map(report.snykRules.map((rule) => [rule.id, rule]));
  // A result may name a rule the log did not describe; describe it minimally so indexes hold.
  for (const finding of findings)
    if (!known.has(finding.ruleId))
      known.set(finding.ruleId, {
        id: finding.ruleId,
        name: finding.ruleId,
        description: finding.ruleId,
        cwe: [],
        severity: finding.severity,
      });
  return {
    tool: { name: "Snyk Code (via Upkeep)", informationUri: "https://snyk.io/product/snyk-code/" },
    rules: [...known.values()].map(snykSarifRule),
    results: findings.map((finding) => sarifResult(finding, report.baselineUsed)),
    category: "upkeep/sast/snyk/",
  };
}

function sarifRule(rule: CompiledRule): SarifRule {
  const help = [
    rule.message,
    rule.note ? `Fix: ${rule.note}` : "",
    ...rule.metadata.references.map((url) => `- ${url}`),
  ]
    .filter(Boolean)
    .join("\n\n");
  return {
    id: rule.id,
    name: toPascal(rule.metadata.name ?? rule.id),
    shortDescription: { text: rule.metadata.name ?? rule.message },
    fullDescription: { text: rule.message },
    ...(rule.metadata.references[0] ? { helpUri: rule.metadata.references[0] } : {}),
    help: { text: help, markdown: help },
    defaultConfiguration: { level: sarifLevel(rule.severity) },
    properties: {
      tags: [
        "security",
        ...rule.metadata.cwe.map(cweTag),
        ...rule.metadata.owasp.map((owasp) => `owasp/${owasp}`),
      ],
      "security-severity": securitySeverityScore(rule.severity),
      precision: rule.metadata.confidence === "medium" ? "medium" : rule.metadata.confidence,
      "problem.severity":
        sarifLevel(rule.severity) === "note" ? "recommendation" : sarifLevel(rule.severity),
      language: rule.language,
    },
  };
}

function snykSarifRule(rule: SnykRule): SarifRule {
  return {
    id: rule.id,
    name: toPascal(rule.name),
    shortDescription: { text: rule.description },
    ...(rule.helpUri ? { helpUri: rule.helpUri } : {}),
    defaultConfiguration: { level: sarifLevel(rule.severity) },
    properties: {
      tags: ["security", "snyk", ...rule.cwe.map(cweTag)],
      "security-severity": securitySeverityScore(rule.severity),
    },
  };
}

function sarifResult(finding: Finding, baselineUsed: boolean): Omit<SarifResult, "ruleIndex"> {
  return {
    ruleId: finding.ruleId,
    level: sarifLevel(finding.severity),
    message: { text: finding.message },
    locations: [
      sarifLocation({
        file: finding.path,
        line: finding.startLine,
        column: finding.startColumn,
        endLine: finding.endLine,
        endColumn: finding.endColumn,
      }),
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
    ...(baselineUsed && finding.baselineState ? { baselineState: finding.baselineState } : {}),
    ...(finding.suppression
      ? {
          suppressions: [
            {
              kind: finding.suppression.kind === "inline" ? "inSource" : "external",
              status: "accepted",
              justification: finding.suppression.reason,
            },
          ],
        }
      : {}),
    properties: { severity: finding.severity, snippet: finding.snippet },
  };
}

function cweTag(cwe: string): string {
  return `external/cwe/${cwe.toLowerCase()}`;
}

function toPascal(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join("");
}
