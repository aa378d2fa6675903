// Turns character offsets into 1-based line numbers with one pass over the text, so parsers can
// report where each package sits without a position-tracking parser.

export class LineIndex {
  readonly #starts: number[];

  constructor(text: string) {
    const starts = [0];
    let at = text.indexOf("\n");
    while (at !== -1) {
      starts.push(at + 1);
      at = text.indexOf("\n", at + 1);
    }
    this.#starts = starts;
  }

  get lineCount(): number {
    return this.#starts.length;
  }

  /** 1-based line holding the character at `offset`. */
  lineAt(offset: number): number {
    let low = 0;
    let high = this.#starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.#starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  }
}

/** 1-based line numbers of the lines for which `test` holds, in order. */
export function linesWhere(text: string, test: (line: string) => boolean): number[] {
  const found: number[] = [];
  const lines = text.split("\n");
  for (let index = 0; index < lines.length; index++) if (test(lines[index]!)) found.push(index + 1);
  return found;
}
