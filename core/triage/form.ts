// Reads the severity an issue form recorded. GitHub renders a form's dropdown as a `### Label`
// heading followed by the chosen option, or `_No response_` when left empty.
import { type Severity, severityNames } from "../config/fields.ts";
import { normaliseText } from "./untrusted-text.ts";

export interface FormSeverity {
  severity: Severity;
  /** The option text as the author chose it, e.g. "Critical: system down". */
  choice: string;
}

export function formSeverity(body: string, field: string): FormSeverity | undefined {
  const value = formFieldValue(normaliseText(body), field);
  if (!value) return undefined;
  const first = value.toLowerCase().match(/^[^a-z]*([a-z]+)/)?.[1];
  const severity = severityNames.find((name) => name === first);
  return severity ? { severity, choice: value } : undefined;
}

/** The text under `### <field>` up to the next heading, or undefined when absent or empty. */
export function formFieldValue(body: string, field: string): string | undefined {
  const lines = body.split(/\r?\n/);
  const wanted = field.trim().toLowerCase();
  const start = lines.findIndex((line) => {
    const heading = line.match(/^\s{0,3}###\s+(.+?)\s*#*\s*$/);
    return heading?.[1]?.toLowerCase() === wanted;
  });
  if (start < 0) return undefined;
  const value: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^\s{0,3}#{1,6}\s/.test(line)) break;
    if (line.trim()) value.push(line.trim());
  }
  const text = value.join(" ").trim();
  return text && text !== "_No response_" ? text : undefined;
}
