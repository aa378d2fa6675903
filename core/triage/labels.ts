// Severity ⇄ label name, under the configured names (compared case-insensitively, like GitHub).
import { type Severity, severityNames } from "../config/fields.ts";
import type { TriageConfig } from "./config.ts";

export interface LabelDefinition {
  name: string;
  color: string;
  description: string;
}

export function severityLabel(config: TriageConfig, severity: Severity): string {
  return config.labels[severity].name;
}

export function severityOfLabel(config: TriageConfig, label: string): Severity | undefined {
  const wanted = label.toLowerCase();
  return severityNames.find((severity) => config.labels[severity].name.toLowerCase() === wanted);
}

export function isSeverityLabel(config: TriageConfig, label: string): boolean {
  return severityOfLabel(config, label) !== undefined;
}

export function sameLabel(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** Every label triage uses, for creating them when the App is installed. */
export function triageLabels(config: TriageConfig): LabelDefinition[] {
  return [...severityNames.map((severity) => config.labels[severity]), config.needsTriageLabel];
}
