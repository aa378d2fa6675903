// The text that parsers of untrusted input (issue forms, rules, commands) see: Unicode-normalised
// so look-alike forms compare equal, with invisible characters removed so `out\u200bage` still
// reads as "outage", and control characters turned into spaces.

const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

export function normaliseText(text: string): string {
  return text.normalize("NFKC").replace(ZERO_WIDTH, "").replace(CONTROL, " ");
}

/** HTML comments hold template guidance, not what the author wrote; an unclosed one runs to the end. */
export function stripHtmlComments(markdown: string): string {
  return markdown.replace(/<!--[\s\S]*?(?:-->|$)/g, " ");
}
