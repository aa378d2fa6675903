// A linear look at config text before the YAML parser sees it. The parser recurses once per flow
// nesting level and per compact collection on a line, so very long lines and deep `[`/`{` nesting
// are refused here, cheaply. Quoted scalars and comments are skipped so that brackets in a pattern
// such as '\[\d+\]' do not count; the count is an upper bound the parser then checks exactly.

export interface RawShapeLimits {
  maxLines: number;
  maxLineBytes: number;
  maxOpenBrackets: number;
}

export type RawShapeProblem = { line: number; column: number; kind: "lines" | "line" | "nesting" };

const NEWLINE = 10;
const SPACE = 32;
const TAB = 9;
const DOUBLE = 34;
const SINGLE = 39;
const HASH = 35;
const BACKSLASH = 92;
const OPENERS = new Set([91, 123]);
const CLOSERS = new Set([93, 125]);
/** Characters after which a quote starts a quoted scalar (inside a plain word it is a letter). */
const TOKEN_BEFORE = new Set([SPACE, TAB, NEWLINE, 44, 58, 91, 123]);

export function checkRawShape(text: string, limits: RawShapeLimits): RawShapeProblem | undefined {
  let line = 1;
  let lineStart = 0;
  let open = 0;
  let quote = 0;
  for (let index = 0; index <= text.length; index++) {
    const char = index === text.length ? NEWLINE : text.charCodeAt(index);
    if (char === NEWLINE) {
      if (index - lineStart > limits.maxLineBytes) return { line, column: 1, kind: "line" };
      if (line >= limits.maxLines && index < text.length) return { line, column: 1, kind: "lines" };
      line++;
      lineStart = index + 1;
      continue;
    }
    if (quote !== 0) {
      quote = stillQuoted(text, index, quote);
      if (quote === DOUBLE && char === BACKSLASH && text.charCodeAt(index + 1) !== NEWLINE) index++;
      if (quote === -1) {
        quote = SINGLE;
        index++; // '' is an escaped quote inside a single-quoted scalar
      }
      continue;
    }
    const startsToken = index === lineStart || TOKEN_BEFORE.has(text.charCodeAt(index - 1));
    if ((char === DOUBLE || char === SINGLE) && startsToken) quote = char;
    else if (char === HASH && startsToken) index = endOfLine(text, index) - 1;
    else if (OPENERS.has(char) && ++open > limits.maxOpenBrackets) {
      return { line, column: index - lineStart + 1, kind: "nesting" };
    } else if (CLOSERS.has(char) && open > 0) open--;
  }
  return undefined;
}

/** The quote state after `index`: 0 closed, the same quote still open, -1 an escaped `''`. */
function stillQuoted(text: string, index: number, quote: number): number {
  const char = text.charCodeAt(index);
  if (quote === SINGLE && char === SINGLE) return text.charCodeAt(index + 1) === SINGLE ? -1 : 0;
  if (quote === DOUBLE && char === DOUBLE) return 0;
  return quote;
}

function endOfLine(text: string, index: number): number {
  const end = text.indexOf("\n", index);
  return end === -1 ? text.length : end;
}
