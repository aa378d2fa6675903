// The Conventional Commits grammar release-please reads messages with: a summary line, an optional
// body, then trailing footers (`Token: value` or `Token #value`, indented lines continuing them).
// The body ends where everything left is footers, so a body line such as `fix: …` that is followed
// only by footers is itself a footer, and becomes an entry of its own.

export interface Summary {
  type: string;
  scope?: string;
  bang: boolean;
  subject: string;
}

export interface Footer {
  /** `BREAKING CHANGE` / `BREAKING-CHANGE`, or a type such as `fix`, `Fixes`, `Release-As`. */
  token: string;
  isBreakingToken: boolean;
  scope?: string;
  bang: boolean;
  separator: ":" | " #";
  /** The value's first line, then each continuation line without its indentation. */
  lines: string[];
  /** Blank lines before each continuation line (kept: a footer re-read as a commit sees them). */
  gaps: number[];
}

export interface MessageTree {
  summary: Summary;
  body: string[];
  footers: Footer[];
}

/** Where the grammar gives up on the whole message (release-please then skips the commit). */
const REJECTED = Symbol("rejected");

const WS = "[\\t\\v\\f \\u00a0\\ufeff]";
const TYPE = "[^()\\s!:]+";
const SUMMARY = new RegExp(`^(${TYPE})(?:\\(([^()\\n]+)\\))?(!)?:${WS}*(.*)$`);
const FOOTER = new RegExp(
  `^(?:(BREAKING[ -]CHANGE)|(${TYPE})(?:\\(([^()\\n]+)\\))?(!)?)(:| #)${WS}*(.*)$`,
);
const UNCLOSED_SCOPE = new RegExp(`^${TYPE}\\([^()]*(?:\\(|$)`);
const CONTINUATION = new RegExp(`^${WS}+`);

/** The message's parts, or undefined when the grammar rejects it (no exceptions: most bodies hold one). */
export function parseTree(message: string): MessageTree | undefined {
  const lines = message.trim().split("\n");
  const summary = parseSummary(lines[0] ?? "");
  if (!summary) return undefined;
  const footersFrom = footerTails(lines);
  if (footersFrom === REJECTED) return undefined;
  let at = skipBlank(lines, 1);
  const body: string[] = [];
  while (at < lines.length && !footersFrom[at]) {
    const next = skipBlank(lines, at + 1);
    body.push(lines[at] as string, ...lines.slice(at + 1, next));
    at = next;
  }
  while (body.length > 0 && body.at(-1) === "") body.pop();
  return { summary, body, footers: readFooters(lines, at) };
}

function parseSummary(line: string): Summary | undefined {
  if (UNCLOSED_SCOPE.test(line)) return undefined;
  const match = line.match(SUMMARY);
  if (!match) return undefined;
  return {
    type: match[1] as string,
    scope: match[2],
    bang: match[3] === "!",
    subject: match[4] as string,
  };
}

function skipBlank(lines: string[], from: number): number {
  let at = from;
  while (at < lines.length && lines[at] === "") at++;
  return at;
}

function footerAt(line: string): RegExpMatchArray | null | typeof REJECTED {
  if (UNCLOSED_SCOPE.test(line)) return REJECTED;
  return line.match(FOOTER);
}

/**
 * For each line, whether every line from there on is a footer or continues one. Computed once
 * from the end, so a long message costs one pass, not one pass per body line.
 */
function footerTails(lines: string[]): Uint8Array | typeof REJECTED {
  const tails = new Uint8Array(lines.length + 1);
  tails[lines.length] = 1;
  for (let at = lines.length - 1; at >= 1; at--) {
    if (lines[at] === "") {
      tails[at] = tails[at + 1] as number;
      continue;
    }
    const footer = footerAt(lines[at] as string);
    if (footer === REJECTED) return REJECTED;
    if (footer) tails[at] = tails[skipBlank(lines, afterContinuations(lines, at + 1))] as number;
  }
  return tails;
}

function afterContinuations(lines: string[], from: number): number {
  let at = from;
  for (;;) {
    const next = skipBlank(lines, at);
    if (next >= lines.length || !CONTINUATION.test(lines[next] as string)) return at;
    at = next + 1;
  }
}

function readFooters(lines: string[], from: number): Footer[] {
  const footers: Footer[] = [];
  let at = skipBlank(lines, from);
  while (at < lines.length) {
    const match = lines[at]?.match(FOOTER) as RegExpMatchArray;
    const footer: Footer = {
      token: (match[1] ?? match[2]) as string,
      isBreakingToken: match[1] !== undefined,
      scope: match[3],
      bang: match[4] === "!",
      separator: match[5] as ":" | " #",
      lines: [match[6] as string],
      gaps: [],
    };
    const end = afterContinuations(lines, at + 1);
    let blanks = 0;
    for (let line = at + 1; line < end; line++) {
      if (lines[line] === "") {
        blanks++;
        continue;
      }
      footer.gaps.push(blanks);
      footer.lines.push((lines[line] as string).replace(CONTINUATION, ""));
      blanks = 0;
    }
    footers.push(footer);
    at = skipBlank(lines, end);
  }
  return footers;
}
