// The job summary of a triage step: what was decided and which labels changed.
import * as core from "@actions/core";
import type { TriageDecision } from "../../core/triage/decide.ts";
import type { LabelPlan } from "../../core/triage/plan.ts";

export interface StepResult {
  outcome: "triaged" | "skipped" | "applied" | "replied" | "ignored";
  issue?: number;
  decision?: TriageDecision;
  plan?: LabelPlan;
  why?: string;
  configValid?: boolean;
}

export async function writeSummary(result: StepResult): Promise<void> {
  const summary = core.summary.addHeading("Upkeep severity triage", 2);
  const rows: [string, string][] = [["Outcome", result.outcome]];
  if (result.issue !== undefined) rows.push(["Issue", `#${result.issue}`]);
  if (result.decision) {
    rows.push(["Severity", result.decision.severity ?? "none"]);
    rows.push(["Reason", result.decision.reason]);
  } else if (result.why) {
    rows.push(["Reason", result.why]);
  }
  if (result.plan) {
    rows.push(["Labels added", result.plan.add.join(", ") || "none"]);
    rows.push(["Labels removed", result.plan.remove.join(", ") || "none"]);
  }
  if (result.configValid === false)
    rows.push(["Config", "invalid: defaults used (see annotations)"]);
  summary.addTable([
    [
      { data: "What", header: true },
      { data: "Value", header: true },
    ],
    ...rows.map(([what, value]) => [what, escapeHtml(value)]),
  ]);
  await summary.write();
}

/** The summary is HTML: text quoted from an issue must not become markup. */
function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
