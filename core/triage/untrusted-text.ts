// Text that came from an issue or comment is shown back to people only through these helpers,
// so Upkeep never pings anyone an issue body mentioned and never lets quoted text break markup.
import { normaliseText } from "../text/normalise-text.ts";

/**
 * Makes `@name` and `@org/team` inert: a word joiner after `@` stops GitHub from linking or
 * notifying, while the text still reads the same.
 */
export function neutraliseMentions(text: string): string {
  return text.replace(/@/g, "@\u2060");
}

/** A short, single-line, inert rendering of untrusted text inside an inline code span. */
export function quoteUntrusted(text: string, maxLength = 40): string {
  const flat = normaliseText(text).replace(/\s+/g, " ").trim();
  const short = flat.length > maxLength ? `${flat.slice(0, maxLength)}…` : flat;
  const safe = neutraliseMentions(short.replace(/`/g, "'"));
  return `\`${safe}\``;
}
