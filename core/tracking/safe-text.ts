// Text from payloads and issues (titles, dismissal comments, logins) is shown inside issues Upkeep
// writes. It must never ping anyone, close other issues, or change the surrounding markdown.

const ZERO_WIDTH_SPACE = "\u200b";
const MARKDOWN_SPECIALS = /[\\`*_{}[\]()<>#+!|~]/g;

/** Breaks @mentions and #references without changing what a reader sees. */
export function defuseMentions(text: string): string {
  return text
    .replace(/@(?=[\w-])/g, `@${ZERO_WIDTH_SPACE}`)
    .replace(/#(?=\d)/g, `#${ZERO_WIDTH_SPACE}`);
}

/**
 * Untrusted text as inert markdown on one line: specials escaped, HTML and comments neutralised,
 * control characters dropped, mentions defused, length capped.
 */
export function inlineText(text: string, maxLength = 300): string {
  const flat = text
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, "")
    .replace(/\s+/g, " ")
    .trim();
  const capped = flat.length > maxLength ? `${flat.slice(0, maxLength - 1)}…` : flat;
  return defuseMentions(capped.replace(MARKDOWN_SPECIALS, (char) => `\\${char}`));
}

/** A login shown as code, so it never becomes a mention. */
export function loginText(login: string): string {
  const clean = login.replace(/[^\w.[\]-]/g, "");
  return clean ? `\`${clean}\`` : "`unknown`";
}

/** A quoted multi-line block of untrusted text, each line escaped. */
export function quotedBlock(text: string, maxLength = 1_000): string {
  const capped = text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
  return capped
    .split(/\r?\n/)
    .map((line) => `> ${inlineText(line, maxLength)}`.trimEnd())
    .join("\n");
}

/** Only http(s) links survive; anything else (javascript:, data:) becomes empty. */
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
