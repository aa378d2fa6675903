// Reads the severity an issue form recorded. GitHub renders a form's dropdown as a `### Label`
// heading followed by the chosen option, or `_No response_` when left empty.
// Headings are recognised with plain string steps, not a regular expression: a pattern such as
// `###\s+(.+?)\s*#*\s*$` backtracks cubically on `### a` + many spaces + `#x`.
import { type Severity, severityNames } from "../config/fields.ts";
import { normaliseText } from "../text/normalise-text.ts";
import { withinTriageBudget } from "./text-budget.ts";

export interface FormSeverity {
  severity: Severity;
  /** The option text as the author chose it, e.g. "Critical: system down". */
  choice: string;
}

export function formSeverity(body: string, field: string): FormSeverity | undefined {
  const value = formFieldValue(normaliseText(withinTriageBudget(body).text), field);
  if (!value) return undefined;
  const first = value.toLowerCase().match(/^[^a-z]*([a-z]+)/)?.[1];
  const severity = severityNames.find((name) => name === first);
  return severity ? { severity, choice: value } : undefined;
}

/** The text under `### <field>` up to the next heading, or undefined when absent or empty. */
export function formFieldValue(body: string, field: string): string | undefined {
  const lines = body.split("\n");
  const wanted = field.trim().toLowerCase();
  const start = lines.findIndex((line) => {
    const heading = atxHeading(line);
    return heading?.level === 3 && heading.text.toLowerCase() === wanted;
  });
  if (start < 0) return undefined;
  const value: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (atxHeading(line)) break;
    const trimmed = line.trim();
    if (trimmed) value.push(trimmed);
  }
  const text = value.join(" ").trim();
  return text && text !== "_No response_" ? text : undefined;
}

/** A Markdown ATX heading (`## Title ##`): its level and text, or undefined for other lines. */
export function atxHeading(line: string): { level: number; text: string } | undefined {
  let at = 0;
  while (at < 3 && isBlank(line[at])) at++;
  let level = 0;
  while (line[at + level] === "#") level++;
  if (level < 1 || level > 6) return undefined;
  const rest = line.slice(at + level);
  if (rest !== "" && !isBlank(rest[0])) return undefined;
  return { level, text: withoutClosingHashes(rest.trim()) };
}

/** `Title ##` → `Title`; a run of `#` counts as closing only after whitespace (or alone). */
function withoutClosingHashes(text: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === "#") end--;
  if (end === text.length) return text;
  if (end === 0) return "";
  return isBlank(text[end - 1]) ? text.slice(0, end).trimEnd() : text;
}

function isBlank(char: string | undefined): boolean {
  return char === " " || char === "\t" || char === "\r" || char === "\f" || char === "\v";
}
