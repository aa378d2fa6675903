// The optional explanation comment: one per issue, found again by its hidden marker and edited
// in place, so redeliveries and re-triage never add a second one.
import { codeSpan } from "../text/untrusted-markdown.ts";
import type { TriageConfig } from "./config.ts";
import type { TriageDecision } from "./decide.ts";
import { severityLabel } from "./labels.ts";

export const TRIAGE_MARKER = "<!-- upkeep:triage -->";

export function explanationBody(decision: TriageDecision, config: TriageConfig): string {
  const headline = decision.severity
    ? `**Severity: ${decision.severity}** (label ${codeSpan(severityLabel(config, decision.severity), 50)}): ${decision.reason}.`
    : `**Severity: not decided** (label ${codeSpan(config.needsTriageLabel.name, 50)}): ${decision.reason}.`;
  const how = config.commands.enabled
    ? `A maintainer can change it with \`/severity critical|major|minor\` or by setting a severity label; Upkeep never overrides a person's choice.`
    : "A maintainer can change it by setting a severity label; Upkeep never overrides a person's choice.";
  return [TRIAGE_MARKER, headline, "", `<sub>${how}</sub>`].join("\n");
}

export function isTriageComment(body: string): boolean {
  return body.includes(TRIAGE_MARKER);
}
