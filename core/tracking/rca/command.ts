// `/rca skip <reason>` in an incident's comments: a maintainer decides no RCA is needed.
// Like every Upkeep command, it counts only on a line of its own outside quotes, code and HTML
// (core/text/command-lines.ts).
import { commandArguments, commandLines, firstWord } from "../../text/command-lines.ts";

export type RcaCommand =
  | { kind: "skip"; reason: string }
  | { kind: "skip-without-reason" }
  | { kind: "unknown"; verb: string };

/** The first `/rca` command in a comment, or undefined when there is none. */
export function parseRcaCommand(body: string): RcaCommand | undefined {
  for (const line of commandLines(body)) {
    const args = commandArguments(line, "/rca");
    if (args === undefined) continue;
    const [verb, reason] = firstWord(args);
    if (verb.toLowerCase() !== "skip") return { kind: "unknown", verb: verb.toLowerCase() };
    return reason ? { kind: "skip", reason } : { kind: "skip-without-reason" };
  }
  return undefined;
}
