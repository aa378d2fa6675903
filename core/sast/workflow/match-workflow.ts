// Runs the workflow checks named by `language: github-actions` rules over one workflow file.
import type { ScanProblem } from "../finding.ts";
import type { Draft } from "../match-file.ts";
import type { CompiledRule } from "../rule.ts";
import { workflowChecks } from "./checks.ts";
import { WorkflowFile } from "./document.ts";

export function matchWorkflow(path: string, text: string, rules: CompiledRule[]) {
  const workflow = new WorkflowFile(text);
  const problems: ScanProblem[] = [];
  if (workflow.error) {
    problems.push({ level: "error", subject: path, ...workflow.error });
    return { drafts: [] as Draft[], problems };
  }
  const drafts: Draft[] = [];
  for (const rule of rules) {
    if (rule.language !== "github-actions") continue;
    const check = workflowChecks[rule.check ?? ""];
    for (const hit of check?.(workflow) ?? []) {
      drafts.push({
        ruleId: rule.id,
        severity: rule.severity,
        message: hit.detail ? `${rule.message} (${hit.detail})` : rule.message,
        path,
        startLine: hit.line,
        startColumn: hit.column,
        endLine: hit.line,
        endColumn: hit.column + hit.snippet.length,
        snippet: hit.snippet,
        tool: "upkeep",
        matched: hit.snippet,
      });
    }
  }
  return { drafts, problems };
}
