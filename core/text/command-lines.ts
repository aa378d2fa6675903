// Which lines of a comment can carry a slash command (`/severity`, `/rca`): only lines the author
// wrote as prose, on a line of their own. Text inside quotes, code fences, indented code, inline
// code spans (even across lines), `<pre>`/`<code>`/`<script>`/`<style>`/`<textarea>`, any other
// HTML block and HTML comments is someone else's words or an example, so it never counts.
// Everything here is a single pass over the text with string steps; no pattern can backtrack.
import { normaliseText, stripHtmlComments } from "./normalise-text.ts";

/** GitHub caps comment bodies at 65,536 characters; commands past that are not read. */
export const MAX_COMMAND_TEXT = 65_536;

type Block =
  | { kind: "none" }
  | { kind: "fence"; char: string; length: number }
  | { kind: "until-blank" }
  | { kind: "raw"; closer: string };

const RAW_TAGS = ["pre", "code", "script", "style", "textarea"];
// CommonMark's block-level tag names (HTML block type 6): such a tag starts a block anywhere.
const BLOCK_TAGS = new Set(
  (
    "address article aside base basefont blockquote body caption center col colgroup dd details " +
    "dialog dir div dl dt fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 " +
    "head header hr html iframe legend li link main menu menuitem nav noframes ol optgroup option " +
    "p param search section summary table tbody td tfoot th thead title tr track ul"
  ).split(" "),
);

/** The prose lines of `markdown`, normalised, with their leading indentation (< 4) removed. */
export function commandLines(markdown: string): string[] {
  const text = normaliseText(stripHtmlComments(markdown.slice(0, MAX_COMMAND_TEXT)));
  const found: string[] = [];
  let paragraph: string[] = [];
  let block: Block = { kind: "none" };
  const flush = () => {
    const { lines, unclosed } = proseOf(paragraph);
    for (const line of lines) found.push(line);
    paragraph = [];
    if (unclosed) block = { kind: "raw", closer: unclosed };
  };
  for (const line of text.split("\n")) {
    if (block.kind !== "none") {
      block = stillInside(block, line) ? block : { kind: "none" };
      continue;
    }
    const opened = isBlank(line)
      ? { kind: "none" as const }
      : blockStart(line, paragraph.length > 0);
    if (!opened) {
      paragraph.push(line);
      continue;
    }
    flush();
    // Raw HTML left open by the paragraph swallows this line too, whatever it looks like.
    const left = block as Block;
    if (left.kind === "raw") block = stillInside(left, line) ? left : { kind: "none" };
    else block = opened;
  }
  flush();
  return found;
}

/**
 * The text after `/name` when a command line is that command (`/rca skip why` → `skip why`),
 * or undefined. The name must stand alone: `/severitycritical` is not `/severity`.
 */
export function commandArguments(line: string, name: string): string | undefined {
  const trimmed = line.trim();
  if (trimmed.slice(0, name.length).toLowerCase() !== name) return undefined;
  const rest = trimmed.slice(name.length);
  if (rest !== "" && !/^\s/.test(rest)) return undefined;
  return rest.trim();
}

/** Splits arguments into the first word and the rest: `skip not needed` → ["skip", "not needed"]. */
export function firstWord(args: string): [string, string] {
  const gap = args.search(/\s/);
  return gap < 0 ? [args, ""] : [args.slice(0, gap), args.slice(gap).trim()];
}

/** Whether `line` belongs to the block (true) or closes/ends it (false). */
function stillInside(block: Block, line: string): boolean {
  if (block.kind === "fence") return !closesFence(line, block);
  if (block.kind === "until-blank") return !isBlank(line);
  if (block.kind === "raw") return !line.toLowerCase().includes(block.closer);
  return false;
}

/** A line that opens a block whose lines are never prose, or undefined for paragraph text. */
function blockStart(line: string, inParagraph: boolean): Block | undefined {
  const indent = leadingSpaces(line);
  if (indent >= 4 || line.startsWith("\t")) return undefined;
  const rest = line.slice(indent);
  const fence = /^(`{3,}|~{3,})/.exec(rest)?.[1];
  if (fence) return { kind: "fence", char: fence[0] as string, length: fence.length };
  if (rest.startsWith(">")) return { kind: "until-blank" };
  if (!rest.startsWith("<")) return undefined;
  const tag = rawTagAt(rest.toLowerCase(), 0);
  if (tag) {
    const closer = `</${tag}`;
    return rest.toLowerCase().includes(closer, 1)
      ? { kind: "until-blank" }
      : { kind: "raw", closer };
  }
  return htmlBlock(rest, inParagraph) ? { kind: "until-blank" } : undefined;
}

/**
 * CommonMark's other HTML blocks, which run to a blank line: `<!…>` and `<?…>`, a block-level tag
 * such as `<details>` or `</div>`, or (not inside a paragraph) any tag alone on its line.
 */
function htmlBlock(rest: string, inParagraph: boolean): boolean {
  if (/^<[!?]/.test(rest)) return true;
  const lower = rest.toLowerCase();
  const name = /^<\/?([a-z][a-z0-9-]*)/.exec(lower)?.[1];
  if (!name) return false;
  const after = lower.slice(lower.indexOf(name) + name.length);
  if (BLOCK_TAGS.has(name) && /^(?:\s|\/?>|$)/.test(after)) return true;
  return !inParagraph && /^(?:\s[^<>]*)?\/?>\s*$/.test(after);
}

function closesFence(line: string, fence: { char: string; length: number }): boolean {
  const indent = leadingSpaces(line);
  if (indent >= 4) return false;
  let at = indent;
  while (line[at] === fence.char) at++;
  return at - indent >= fence.length && line.slice(at).trim() === "";
}

/**
 * The lines of one paragraph that start outside inline code and raw HTML, and the closing tag
 * still awaited when raw HTML opened in the paragraph never closed in it.
 */
function proseOf(paragraph: string[]): { lines: string[]; unclosed?: string } {
  if (paragraph.length === 0) return { lines: [] };
  const joined = paragraph.join("\n");
  const hidden = hiddenRanges(joined);
  const lines: string[] = [];
  let offset = 0;
  for (const line of paragraph) {
    const indent = leadingSpaces(line);
    if (indent < 4 && !line.startsWith("\t") && !hidden.covers(offset + indent))
      lines.push(line.slice(indent));
    offset += line.length + 1;
  }
  return { lines, unclosed: hidden.unclosed };
}

interface HiddenRanges {
  covers(index: number): boolean;
  unclosed?: string;
}

/** Code spans and inline raw HTML in a paragraph, found left to right as CommonMark does. */
function hiddenRanges(text: string): HiddenRanges {
  const lower = text.toLowerCase();
  const ranges: [number, number][] = [];
  const runs = backtickRuns(text);
  let unclosed: string | undefined;
  for (let at = 0; at < text.length; ) {
    const char = text[at];
    if (char === "\\") {
      at += 2;
    } else if (char === "`") {
      const length = runs.lengthAt(at);
      const close = runs.next(length, at + length);
      if (close < 0) at += length;
      else {
        ranges.push([at, close + length]);
        at = close + length;
      }
    } else if (char === "<" && rawTagAt(lower, at)) {
      const closer = `</${rawTagAt(lower, at)}`;
      const end = lower.indexOf(closer, at + 1);
      if (end < 0) {
        ranges.push([at, text.length]);
        unclosed = closer;
        break;
      }
      ranges.push([at, end + closer.length]);
      at = end + closer.length;
    } else {
      at++;
    }
  }
  // Lines are asked about in order and ranges are sorted, so one cursor answers them all.
  let next = 0;
  return {
    covers(index) {
      while (next < ranges.length && (ranges[next] as [number, number])[1] <= index) next++;
      const range = ranges[next];
      return range !== undefined && index >= range[0];
    },
    unclosed,
  };
}

/** Backtick runs of a text, and the next run of a given length after a position. */
function backtickRuns(text: string) {
  const startsByLength = new Map<number, number[]>();
  const lengthAtStart = new Map<number, number>();
  for (let at = 0; at < text.length; ) {
    if (text[at] !== "`") {
      at++;
      continue;
    }
    let end = at;
    while (text[end] === "`") end++;
    const starts = startsByLength.get(end - at) ?? [];
    starts.push(at);
    startsByLength.set(end - at, starts);
    lengthAtStart.set(at, end - at);
    at = end;
  }
  // Searches only move forward, so one cursor per length keeps the whole scan linear.
  const cursor = new Map<number, number>();
  return {
    lengthAt: (at: number) => lengthAtStart.get(at) ?? 1,
    next(length: number, from: number): number {
      const starts = startsByLength.get(length) ?? [];
      let index = cursor.get(length) ?? 0;
      while (index < starts.length && (starts[index] as number) < from) index++;
      cursor.set(length, index);
      return index < starts.length ? (starts[index] as number) : -1;
    },
  };
}

/** The raw-text tag (`pre`, `code`, …) opening at `at` in lower-cased text, if any. */
function rawTagAt(lower: string, at: number): string | undefined {
  if (lower[at] !== "<") return undefined;
  for (const tag of RAW_TAGS) {
    if (!lower.startsWith(tag, at + 1)) continue;
    const after = lower[at + 1 + tag.length];
    if (after === undefined || after === ">" || after === "/" || /\s/.test(after)) return tag;
  }
  return undefined;
}

function leadingSpaces(line: string): number {
  let count = 0;
  while (line[count] === " ") count++;
  return count;
}

function isBlank(line: string): boolean {
  return line.trim() === "";
}
