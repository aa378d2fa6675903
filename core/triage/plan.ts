// Turns a decision into the label changes for one issue: the difference between what the issue
// carries and what it should carry. A human's label choice is never touched.
import { severityNames } from "../config/fields.ts";
import type { TriageConfig } from "./config.ts";
import type { TriageDecision } from "./decide.ts";
import { sameLabel, severityLabel } from "./labels.ts";

export interface LabelPlan {
  add: string[];
  remove: string[];
}

export function planLabels(
  labels: string[],
  decision: TriageDecision,
  config: TriageConfig,
): LabelPlan {
  const has = (name: string) => labels.some((label) => sameLabel(label, name));
  const needsTriage = config.needsTriageLabel.name;
  if (decision.source === "human-label") {
    // The person decided; only Upkeep's own "undecided" marker goes, and only once decided.
    return { add: [], remove: decision.severity && has(needsTriage) ? [needsTriage] : [] };
  }
  if (decision.severity === null) {
    return { add: has(needsTriage) ? [] : [needsTriage], remove: [] };
  }
  const wanted = severityLabel(config, decision.severity);
  const others = severityNames
    .filter((severity) => severity !== decision.severity)
    .map((severity) => severityLabel(config, severity));
  return {
    add: has(wanted) ? [] : [wanted],
    remove: [...others, needsTriage]
      .filter(has)
      .map((name) => labels.find((label) => sameLabel(label, name)) as string),
  };
}

export function isEmptyPlan(plan: LabelPlan): boolean {
  return plan.add.length === 0 && plan.remove.length === 0;
}
