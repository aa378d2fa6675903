// The `/severity <level>` comment command. Only lines the author wrote as prose count: commands in
// code blocks, inline code, quotes or HTML comments are someone else's words or an example.
import { type Severity, severityNames } from "../config/fields.ts";
import { normaliseText } from "../text/normalise-text.ts";
import { withoutQuotedParts } from "./untrusted-text.ts";

export type SeverityCommand =
  | { kind: "set"; severity: Severity }
  | { kind: "unknown"; given: string }
  | { kind: "missing" };

const COMMAND_LINE = /^\s*\/severity(?:\s+(\S+))?\s*$|^\s*\/severity\s+(\S+)\s+\S/i;

/** The last `/severity` command in a comment, or undefined when it has none. */
export function parseSeverityCommand(body: string): SeverityCommand | undefined {
  let command: SeverityCommand | undefined;
  for (const line of withoutQuotedParts(normaliseText(body)).split("\n")) {
    const match = line.match(COMMAND_LINE);
    if (!match) continue;
    const given = match[1] ?? match[2];
    if (!given) {
      command = { kind: "missing" };
      continue;
    }
    const level = given.toLowerCase();
    const severity = severityNames.find((name) => name === level);
    command = severity ? { kind: "set", severity } : { kind: "unknown", given };
  }
  return command;
}

export function hasSeverityCommand(body: string): boolean {
  return /\/severity\b/i.test(body) && parseSeverityCommand(body) !== undefined;
}
