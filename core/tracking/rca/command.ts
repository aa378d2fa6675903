// `/rca skip <reason>` in an incident's comments: a maintainer decides no RCA is needed.
// Like every Upkeep command, it counts only outside code blocks and quotes.

export type RcaCommand =
  | { kind: "skip"; reason: string }
  | { kind: "skip-without-reason" }
  | { kind: "unknown"; verb: string };

/** The first `/rca` command in a comment, or undefined when there is none. */
export function parseRcaCommand(body: string): RcaCommand | undefined {
  for (const line of commandLines(body)) {
    const words = commandWords(line.trim(), "/rca");
    if (!words) continue;
    const { verb, reason } = words;
    if (verb !== "skip") return { kind: "unknown", verb };
    return reason ? { kind: "skip", reason } : { kind: "skip-without-reason" };
  }
  return undefined;
}

/**
 * `/rca skip some reason` → verb "skip", reason "some reason". Plain string steps: the former
 * `^\/rca(?:\s+(\S+))?(?:\s+(.*))?$` backtracked quadratically on whitespace before a U+2028.
 */
function commandWords(line: string, name: string): { verb: string; reason: string } | undefined {
  if (line.slice(0, name.length).toLowerCase() !== name) return undefined;
  const rest = line.slice(name.length);
  if (rest !== "" && !/^\s/.test(rest)) return undefined;
  const args = rest.trim();
  const gap = args.search(/\s/);
  if (gap < 0) return { verb: args.toLowerCase(), reason: "" };
  return { verb: args.slice(0, gap).toLowerCase(), reason: args.slice(gap).trim() };
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
