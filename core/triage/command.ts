// The `/severity <level>` comment command. It counts only on a line of its own outside quotes,
// code and HTML (core/text/command-lines.ts): elsewhere it is someone else's words or an example.
import { type Severity, severityNames } from "../config/fields.ts";
import { commandArguments, commandLines, firstWord } from "../text/command-lines.ts";

export type SeverityCommand =
  | { kind: "set"; severity: Severity }
  | { kind: "unknown"; given: string }
  | { kind: "missing" };

/** The last `/severity` command in a comment, or undefined when it has none. */
export function parseSeverityCommand(body: string): SeverityCommand | undefined {
  let command: SeverityCommand | undefined;
  for (const line of commandLines(body)) {
    const args = commandArguments(line, "/severity");
    if (args === undefined) continue;
    const [given] = firstWord(args);
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
