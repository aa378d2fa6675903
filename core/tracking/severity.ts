// Which severity an incident has, read from its labels. The triage section names the labels;
// faces pass those names in, so tracking does not depend on how triage spells its config.
import type { Severity } from "../config/fields.ts";
import { severityNames } from "../config/fields.ts";

export type SeverityLabels = Record<Severity, string>;

export const DEFAULT_SEVERITY_LABELS: SeverityLabels = {
  critical: "severity: critical",
  major: "severity: major",
  minor: "severity: minor",
};

/** The most severe severity among the labels, or undefined when none is set. */
export function incidentSeverity(
  labels: readonly string[],
  names: SeverityLabels = DEFAULT_SEVERITY_LABELS,
): Severity | undefined {
  const lowered = new Set(labels.map((label) => label.toLowerCase()));
  return severityNames.find((severity) => lowered.has(names[severity].toLowerCase()));
}

export function severityOfLabel(
  label: string,
  names: SeverityLabels = DEFAULT_SEVERITY_LABELS,
): Severity | undefined {
  return severityNames.find((severity) => names[severity].toLowerCase() === label.toLowerCase());
}
