// The one way text from outside (issue titles and bodies, comments, logins, payload fields,
// config keys) is written into Markdown that Upkeep posts: issues, comments, job summaries,
// reports. Whatever the text says, it must not notify anyone, spam other issues with
// cross-references, render HTML or break the markup around it, and it is length-capped.
//
// One rule for references: a WORD JOINER (U+2060) goes after every `@` (`@alice`, `@org/team`),
// after `#` before a digit (`#123`, `owner/repo#123`) and inside `GH-123`. GitHub links a mention
// or reference only when the name or number follows directly, so neither links nor notifies, and
// the text still reads the same. U+2060 rather than a zero-width space: it adds no line-break
// opportunity inside a name, and Upkeep's own parsers drop it again (core/text/normalise-text.ts).

const JOINER = "\u2060";
// biome-ignore lint/suspicious/noControlCharactersInRegex: dropping control characters is the point.
const INVISIBLE_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g;
/** ASCII punctuation Markdown or GitHub give meaning to, plus `&` (entities) and `$` (math). */
const MARKDOWN_SPECIALS = /[\\`*_{}[\]()<>#+!|~&$]/g;

/** Makes mentions and issue references inert without changing what a reader sees. */
export function defuseReferences(text: string): string {
  return text
    .replace(/@/g, `@${JOINER}`)
    .replace(/#(?=\d)/g, `#${JOINER}`)
    .replace(/\bGH-(?=\d)/gi, (match) => `${match.slice(0, 2)}${JOINER}-`);
}

/** Untrusted text as inert Markdown on one line: specials escaped, mentions defused, capped. */
export function inlineText(text: string, maxLength = 300): string {
  const capped = cap(oneLine(text), maxLength);
  return defuseReferences(capped.replace(MARKDOWN_SPECIALS, (char) => `\\${char}`));
}

/**
 * Untrusted text as an inline code span on one line. The fence is one backtick longer than the
 * longest run inside, so no content can close it early; nothing inside a code span is Markdown
 * or HTML.
 */
export function codeSpan(text: string, maxLength = 40): string {
  const content = defuseReferences(cap(oneLine(text), maxLength));
  if (content === "") return "(empty)";
  const fence = "`".repeat(longestBacktickRun(content) + 1);
  // CommonMark strips one space on each side, so padding is needed only next to a backtick.
  const pad = content.startsWith("`") || content.endsWith("`") ? " " : "";
  return `${fence}${pad}${content}${pad}${fence}`;
}

/** A quoted multi-line block of untrusted text, each line escaped. */
export function quotedBlock(text: string, maxLength = 1_000): string {
  return cap(text, maxLength)
    .split(/\r?\n/)
    .map((line) => `> ${inlineText(line, maxLength)}`.trimEnd())
    .join("\n");
}

/** A login shown as code, so it never becomes a mention. */
export function loginText(login: string): string {
  const clean = login.replace(/[^\w.[\]-]/g, "");
  return clean ? `\`${clean}\`` : "`unknown`";
}

/** Only http(s) links survive; anything else (javascript:, data:) becomes undefined. */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return undefined;
    return parsed.toString().replace(/[()<>\s]/g, encodeURIComponent);
  } catch {
    return undefined;
  }
}

function oneLine(text: string): string {
  return text.replace(INVISIBLE_CONTROLS, "").replace(/\s+/g, " ").trim();
}

/** Caps by characters, never splitting a surrogate pair. */
function cap(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  const cut = Array.from(text.slice(0, maxLength)).slice(0, -1).join("");
  return `${cut}…`;
}

function longestBacktickRun(text: string): number {
  let longest = 0;
  let run = 0;
  for (const char of text) {
    run = char === "`" ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}
