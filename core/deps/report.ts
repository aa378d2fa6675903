// What a scan says to people and tools: the JSON report, the terminal table and the job summary.
// SARIF lives in sarif-report.ts.
import type { IgnoreRule } from "./config.ts";
import { EXPIRY_WARNING_DAYS, type JudgedFinding } from "./policy.ts";
import type { ScanResult } from "./scan.ts";
import { SEVERITY_ORDER } from "./severity.ts";

export const REPORT_FORMAT = "upkeep-deps-report/1";

export function toJsonReport(
  result: ScanResult,
  tool: { name: string; version: string },
  now: Date,
) {
  return {
    format: REPORT_FORMAT,
    tool,
    generatedAt: now.toISOString(),
    complete: !result.incomplete,
    exitCode: result.exitCode,
    counts: result.counts,
    databases: result.databases,
    lockfiles: result.lockfiles,
    findings: result.policy.findings.map((finding) => ({
      id: finding.id,
      ids: finding.ids,
      summary: finding.summary,
      url: finding.url,
      ecosystem: finding.ecosystem,
      name: finding.name,
      version: finding.version,
      scope: finding.scope,
      direct: finding.direct,
      file: finding.file,
      lines: finding.locations
        .map((location) => location.line)
        .filter((line) => line !== undefined),
      severity: finding.severity,
      effectiveSeverity: finding.effectiveSeverity,
      fixedIn: finding.fixedIn,
      status: finding.status,
      isNew: finding.isNew,
      ignoredBy: finding.ignoredBy,
      fingerprint: finding.fingerprint,
    })),
    ignores: { expired: result.policy.expiredIgnores, expiringSoon: result.policy.expiringIgnores },
    problems: result.problems,
    unscannable: result.unscannable,
    unmatchable: result.unmatchable,
  };
}

const STATUS_TEXT: Record<JudgedFinding["status"], string> = {
  failing: "FAILS",
  ignored: "ignored",
  "dev-only": "dev only",
  "in-baseline": "not new",
  "no-fix": "no fix yet",
  "below-threshold": "below gate",
};

function ordered(findings: JudgedFinding[]): JudgedFinding[] {
  const rank = (finding: JudgedFinding) => SEVERITY_ORDER.indexOf(finding.severity.level);
  // Failing findings first: they are what the reader has to act on.
  const failing = (finding: JudgedFinding) => (finding.status === "failing" ? 1 : 0);
  return [...findings].sort(
    (a, b) =>
      failing(b) - failing(a) ||
      rank(b) - rank(a) ||
      a.name.localeCompare(b.name) ||
      a.id.localeCompare(b.id),
  );
}

function severityText(finding: JudgedFinding): string {
  const score = finding.severity.score;
  return score === undefined
    ? finding.severity.level
    : `${finding.severity.level} ${score.toFixed(1)}`;
}

function place(finding: JudgedFinding): string {
  const line = finding.locations[0]?.line;
  return line ? `${finding.file}:${line}` : finding.file;
}

function rows(result: ScanResult): string[][] {
  return ordered(result.policy.findings).map((finding) => [
    severityText(finding),
    finding.name,
    finding.version,
    finding.fixedIn ?? "-",
    finding.id,
    place(finding),
    STATUS_TEXT[finding.status],
  ]);
}

const HEADER = ["Severity", "Package", "Installed", "Fixed in", "Advisory", "Path", "Status"];

function headline(result: ScanResult): string {
  const { counts } = result;
  const files = result.lockfiles.length;
  return `${counts.findings} finding${counts.findings === 1 ? "" : "s"} in ${counts.packages} packages from ${files} lockfile${files === 1 ? "" : "s"}; ${counts.failing} fail${counts.failing === 1 ? "s" : ""} the gate${counts.ignored ? `, ${counts.ignored} ignored` : ""}.`;
}

function ignoreLine(rule: IgnoreRule): string {
  const scope = [rule.package, rule.path].filter(Boolean).join(" in ");
  return `${rule.id}${scope ? ` (${scope})` : ""} until ${rule.expires}: ${rule.reason}`;
}

/** Entries seen but not matched: unpinned requirements, versions the ecosystem cannot order. */
function notScanned(result: ScanResult): string[] {
  return [
    ...result.unscannable.map(
      (entry) =>
        `${entry.file}${entry.line ? `:${entry.line}` : ""} ${entry.name}: ${entry.reason}`,
    ),
    ...result.unmatchable.map(
      (entry) => `${entry.file} ${entry.name} ${entry.version}: ${entry.reason}`,
    ),
  ];
}

/** Plain-text table for a terminal. */
export function renderTable(result: ScanResult): string {
  const table = [HEADER, ...rows(result)];
  const widths = HEADER.map((_, column) =>
    table.reduce((widest, row) => Math.max(widest, (row[column] ?? "").length), 0),
  );
  const lines = table.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join("  ")
      .trimEnd(),
  );
  const out = result.policy.findings.length > 0 ? [...lines, ""] : [];
  out.push(headline(result));
  for (const rule of result.policy.expiredIgnores)
    out.push(`expired ignore (no longer applies): ${ignoreLine(rule)}`);
  for (const rule of result.policy.expiringIgnores)
    out.push(`ignore expiring within ${EXPIRY_WARNING_DAYS} days: ${ignoreLine(rule)}`);
  for (const line of notScanned(result)) out.push(`not scanned: ${line}`);
  for (const database of result.databases) {
    out.push(
      `advisories: ${database.source}, ${database.records} records, newest ${database.newestModified ?? "unknown"}, sha256 ${database.contentHash.slice(0, 12)}`,
    );
  }
  if (result.incomplete) {
    out.push(
      `scan INCOMPLETE: ${result.problems.length} problem${result.problems.length === 1 ? "" : "s"}`,
    );
    for (const problem of result.problems)
      out.push(`  ${problem.file}${problem.line ? `:${problem.line}` : ""}: ${problem.message}`);
  }
  return `${out.join("\n")}\n`;
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** Markdown for the job summary: counts per severity, the findings table, ignores, problems, database. */
export function renderSummary(result: ScanResult): string {
  const out = ["## Dependency scan", "", headline(result), ""];
  out.push("| Severity | Findings |", "| --- | ---: |");
  for (const level of [...SEVERITY_ORDER].reverse())
    out.push(`| ${level} | ${result.counts.bySeverity[level]} |`);
  out.push("");
  if (result.policy.findings.length > 0) {
    out.push(`| ${HEADER.join(" | ")} |`, `|${HEADER.map(() => " --- ").join("|")}|`);
    for (const row of rows(result)) out.push(`| ${row.map(cell).join(" | ")} |`);
    out.push("");
  }
  if (result.policy.expiringIgnores.length > 0) {
    out.push(`### Ignores expiring within ${EXPIRY_WARNING_DAYS} days`, "");
    for (const rule of result.policy.expiringIgnores) out.push(`- ${cell(ignoreLine(rule))}`);
    out.push("");
  }
  if (result.policy.expiredIgnores.length > 0) {
    out.push("### Expired ignores (no longer applied)", "");
    for (const rule of result.policy.expiredIgnores) out.push(`- ${cell(ignoreLine(rule))}`);
    out.push("");
  }
  const skipped = notScanned(result);
  if (skipped.length > 0) {
    out.push("### Not scanned", "");
    for (const line of skipped) out.push(`- ${cell(line)}`);
    out.push("");
  }
  if (result.incomplete) {
    out.push("### Scan incomplete", "");
    for (const problem of result.problems)
      out.push(
        `- \`${problem.file}${problem.line ? `:${problem.line}` : ""}\`: ${cell(problem.message)}`,
      );
    out.push("");
  }
  for (const database of result.databases) {
    out.push(
      `Advisories: ${database.source} — ${database.records} records, newest modified ${database.newestModified ?? "unknown"}, sha256 \`${database.contentHash.slice(0, 16)}\``,
    );
  }
  return `${out.join("\n")}\n`;
}
