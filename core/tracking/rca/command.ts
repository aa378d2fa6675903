// `/rca skip <reason>` in an incident's comments: a maintainer decides no RCA is needed.
// Like every Upkeep command, it counts only outside code blocks and quotes.

export type RcaCommand =
  | { kind: "skip"; reason: string }
  | { kind: "skip-without-reason" }
  | { kind: "unknown"; verb: string };

/** The first `/rca` command in a comment, or undefined when there is none. */
export function parseRcaCommand(body: string): RcaCommand | undefined {
  for (const line of commandLines(body)) {
    const match = /^\/rca(?:\s+(\S+))?(?:\s+(.*))?$/i.exec(line.trim());
    if (!match) continue;
    const verb = (match[1] ?? "").toLowerCase();
    const reason = (match[2] ?? "").trim();
    if (verb !== "skip") return { kind: "unknown", verb };
    return reason ? { kind: "skip", reason } : { kind: "skip-without-reason" };
  }
  return undefined;
}

/** Lines that are neither inside fenced code blocks nor quotes. */
function commandLines(body: string): string[] {
  const lines: string[] = [];
  let fence: string | undefined;
  for (const line of body.split(/\r?\n/)) {
    const opener = /^\s*(```+|~~~+)/.exec(line)?.[1];
    if (opener) {
      if (!fence) fence = opener[0]!.repeat(opener.length);
      else if (opener.startsWith(fence)) fence = undefined;
      continue;
    }
    if (fence || /^\s*>/.test(line) || /^( {4}|\t)/.test(line)) continue;
    lines.push(line);
  }
  return lines;
}
