// `upkeep-ignore[rule-id]: reason` comments on or above a line, and config ignores with expiry.
import ignore from "ignore";
import type { SastIgnore } from "./config.ts";
import type { Finding, ScanProblem } from "./finding.ts";

const MARKER = "upkeep-ignore[";
const COMMENT_LINE = /^\s*(\/\/|#|\/\*|\*|<!--)/;

interface InlineSuppression {
  rules: string[];
  reason?: string;
}

/** Applies inline suppressions in `text`; a marker without a reason is reported and ignored. */
export function applyInlineSuppressions<T extends Finding>(
  findings: T[],
  text: string,
  path: string,
): { findings: T[]; problems: ScanProblem[] } {
  if (!text.includes("upkeep-ignore[")) return { findings, problems: [] };
  const lines = text.split("\n");
  const problems: ScanProblem[] = [];
  const reported = new Set<number>();
  const result = findings.map((finding) => {
    for (const lineNumber of [finding.startLine, finding.startLine - 1]) {
      const line = lines[lineNumber - 1] ?? "";
      if (lineNumber !== finding.startLine && !COMMENT_LINE.test(line)) continue;
      const marker = parseMarker(line);
      if (!marker?.rules.includes(finding.ruleId)) continue;
      if (!marker.reason) {
        if (!reported.has(lineNumber))
          problems.push({
            level: "warning",
            subject: path,
            line: lineNumber,
            message: `upkeep-ignore[${marker.rules.join(", ")}] has no reason, so it is not applied; write \`upkeep-ignore[${finding.ruleId}]: why this is safe\``,
          });
        reported.add(lineNumber);
        continue;
      }
      return { ...finding, suppression: { kind: "inline" as const, reason: marker.reason } };
    }
    return finding;
  });
  return { findings: result, problems };
}

/**
 * `upkeep-ignore[a, b]: reason`, read with string searches: the line is untrusted text, and the
 * regex this replaced backtracked for minutes on a marker followed by thousands of spaces.
 */
function parseMarker(line: string): InlineSuppression | undefined {
  const start = line.indexOf(MARKER);
  if (start === -1) return undefined;
  const close = line.indexOf("]", start + MARKER.length);
  if (close === -1) return undefined;
  const rules = line
    .slice(start + MARKER.length, close)
    .split(",")
    .map((rule) => rule.trim())
    .filter(Boolean);
  let rest = line.slice(close + 1).trim();
  if (rest.endsWith("*/")) rest = rest.slice(0, -2).trimEnd();
  else if (rest.endsWith("-->")) rest = rest.slice(0, -3).trimEnd();
  if (rest !== "" && !rest.startsWith(":")) return undefined;
  const reason = rest.slice(1).trim();
  return { rules, reason: reason ? reason : undefined };
}

/** Config ignores: by rule and path globs; an entry past its `until` date no longer applies. */
export function applyConfigIgnores<T extends Finding>(
  findings: T[],
  entries: SastIgnore[],
  today: Date,
): { findings: T[]; problems: ScanProblem[] } {
  const day = today.toISOString().slice(0, 10);
  const problems: ScanProblem[] = [];
  const active = entries.filter((entry, index) => {
    if (!entry.until || entry.until >= day) return true;
    problems.push({
      level: "warning",
      subject: `.github/upkeep.yml sast.ignore[${index}]`,
      message: `expired on ${entry.until}${entry.rule ? ` (rule ${entry.rule})` : ""}; its findings are reported again`,
    });
    return false;
  });
  const matchers = active.map((entry) => ({ entry, paths: ignore().add(entry.paths) }));
  const result = findings.map((finding) => {
    if (finding.suppression) return finding;
    const hit = matchers.find(
      ({ entry, paths }) =>
        (!entry.rule || entry.rule === finding.ruleId) && paths.ignores(finding.path),
    );
    return hit
      ? { ...finding, suppression: { kind: "config" as const, reason: hit.entry.reason } }
      : finding;
  });
  return { findings: result, problems };
}
