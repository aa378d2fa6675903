// Commit text is written by anyone who gets a commit merged, and release notes are published on a
// release page: HTML in a subject must not render, and an @mention must not notify anyone.
// The one place release notes make such text safe (a shared module can replace it later).

// A GitHub handle after a non-word character, outside code spans. `@scope/package` (npm scopes,
// common in dependency updates) is left alone, as release-please and conventional-changelog do.
const MENTION = /`[^`]*`|(?<![\w`@])@([A-Za-z0-9](?:-?[A-Za-z0-9]){0,38})(?![\w/@-])/g;

/**
 * Text of a commit made safe to publish as Markdown: HTML escaped, mentions made inert. Subjects
 * escape `<` and `>` as release-please does; breaking-change notes (which release-please leaves
 * raw) escape only `<`, the one that can open a tag, so `>= 20` reads as written.
 */
export function safeCommitText(text: string, kind: "subject" | "note" = "subject"): string {
  const escaped = escapeAngles(text, kind === "subject" ? /[<>]/ : /</);
  return escaped.replace(MENTION, (match, login?: string) => (login ? `\`@${login}\`` : match));
}

/**
 * `<` and `>` become entities outside code spans (Markdown shows spans literally), with the spans
 * release-please recognises (a double-backtick span runs to the last one on the line), so subjects
 * without them come out as release-please writes them. One pass: crafted text cannot make it slow.
 */
function escapeAngles(text: string, escaped: RegExp): string {
  const lastDoubleEnd = lastDoubleBacktickEnd(text);
  let out = "";
  let at = 0;
  while (at < text.length) {
    const char = text[at] as string;
    if (char === "`") {
      const end = codeSpanEnd(text, at, lastDoubleEnd);
      if (end !== -1) {
        out += text.slice(at, end);
        at = end;
        continue;
      }
    }
    out += !escaped.test(char) ? char : char === "<" ? "&lt;" : "&gt;";
    at++;
  }
  return out;
}

/** Where the code span opening at `at` ends (exclusive), or -1 when none opens there. */
function codeSpanEnd(text: string, at: number, lastDoubleEnd: number): number {
  const double = text.startsWith("``", at) && text[at + 2] !== undefined && text[at + 2] !== "`";
  if (double && lastDoubleEnd >= at + 6) return lastDoubleEnd;
  const close = text.indexOf("`", at + 1);
  return close === -1 ? -1 : close + 1;
}

/** End (exclusive) of the last `x``` (a non-backtick followed by two backticks), or -1. */
function lastDoubleBacktickEnd(text: string): number {
  for (let at = text.length - 3; at >= 0; at--)
    if (text[at] !== "`" && text[at + 1] === "`" && text[at + 2] === "`") return at + 3;
  return -1;
}
