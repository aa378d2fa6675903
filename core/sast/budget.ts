// Per-file limits for the SAST engine, so no single file (hostile or just odd) can stall a scan:
// a cap on how deeply brackets nest (checked on the text, before parsing) and a time budget that
// rule matching and the data-flow walk check as they go.

/** Real code nests a few dozen levels; thousands of nested calls are a crafted or generated file. */
export const MAX_NESTING = 500;

/** Chained calls (`x.a().b().c()`) also nest in the tree; real chains are a few dozen long. */
export const MAX_CALL_CHAIN = 500;

/**
 * The longest run of chained calls in one statement: each `)` followed by `.` (across
 * whitespace) continues a chain, `;`, `{` and `}` end it. One linear pass; strings not excluded.
 */
export function longestCallChain(text: string): { length: number; line: number } {
  let chain = 0;
  let longest = 0;
  let line = 1;
  let longestLine = 1;
  let afterParen = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 10) line++;
    if (code === 41) afterParen = true;
    else if (code === 46 && afterParen) {
      chain++;
      afterParen = false;
      if (chain > longest) {
        longest = chain;
        longestLine = line;
      }
    } else if (code === 59 || code === 123 || code === 125) {
      chain = 0;
      afterParen = false;
    } else if (code !== 32 && code !== 9 && code !== 10 && code !== 13) afterParen = false;
  }
  return { length: longest, line: longestLine };
}

/** Thrown inside matching when the file's time budget is spent; matchFile turns it into a note. */
export class BudgetExceeded extends Error {}

export class TimeBudget {
  private readonly deadline: number;
  private calls = 0;
  readonly milliseconds: number;

  constructor(milliseconds: number, now = performance.now()) {
    this.milliseconds = milliseconds;
    this.deadline = now + milliseconds;
  }

  /** Cheap enough for hot loops: reads the clock once every 64 calls. */
  check(): void {
    if ((++this.calls & 63) !== 0) return;
    if (performance.now() > this.deadline) throw new BudgetExceeded();
  }

  /** Reads the clock now; for coarse steps such as one rule over a file. */
  checkNow(): void {
    if (performance.now() > this.deadline) throw new BudgetExceeded();
  }
}

/** The deepest bracket nesting in the text ((, [, {), in one linear pass; strings not excluded. */
export function deepestNesting(text: string): { depth: number; line: number } {
  let depth = 0;
  let deepest = 0;
  let line = 1;
  let deepestLine = 1;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 10) line++;
    else if (code === 40 || code === 91 || code === 123) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        deepestLine = line;
      }
    } else if ((code === 41 || code === 93 || code === 125) && depth > 0) depth--;
  }
  return { depth: deepest, line: deepestLine };
}
