// YAML lockfiles (pnpm, pubspec): parse with `yaml`, keeping node ranges so each entry has a line.
import { Composer, type Document, isMap, isScalar, Parser } from "yaml";
import { MAX_YAML_ALIASES, MAX_YAML_DEPTH } from "./limits.ts";
import type { ParseResultBuilder } from "./result.ts";
import { LineIndex } from "./text-lines.ts";

export interface YamlFile {
  documents: Document[];
  lines: LineIndex;
}

/**
 * All documents of a file, or undefined after reporting the first syntax error with its line.
 * Composition stops at that first error: the `yaml` package spends tens of microseconds per error
 * and a run of quotes makes one per character (100 kB of `"` took 11 s).
 */
export function parseYamlText(content: string, result: ParseResultBuilder): YamlFile | undefined {
  const lines = new LineIndex(content);
  const deep = flowDepthOver(content, MAX_YAML_DEPTH);
  if (deep !== undefined) {
    result.problem(
      `YAML nested more than ${MAX_YAML_DEPTH} levels deep; not parsed`,
      lines.lineAt(deep),
    );
    return undefined;
  }
  const composer = new Composer({ uniqueKeys: false });
  const internals = composer as unknown as { onError: ErrorHandler };
  const record = internals.onError;
  internals.onError = (source, code, message, warning) => {
    record(source, code, message, warning);
    if (!warning) throw new FirstYamlError(offsetOf(source), message);
  };
  try {
    const documents = Array.from(composer.compose(new Parser().parse(content))) as Document[];
    return { documents, lines };
  } catch (error) {
    if (error instanceof FirstYamlError) {
      result.problem(`malformed YAML: ${error.message.split("\n")[0]}`, lines.lineAt(error.offset));
      return undefined;
    }
    // Nesting deep enough to exhaust the stack is refused, not a crash.
    if (error instanceof RangeError) {
      result.problem("malformed YAML: nested too deeply to read");
      return undefined;
    }
    throw error;
  }
}

/**
 * Offset where `[`/`{` nesting first passes `max`, or undefined. Quotes are not skipped, so a
 * bracket inside a string counts too: harmless at this depth, and it keeps the scan one pass.
 */
function flowDepthOver(text: string, max: number): number | undefined {
  if (compactSequenceDepth(text, 0) > max) return 0;
  let depth = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x5b || code === 0x7b) {
      if (++depth > max) return index;
    } else if ((code === 0x5d || code === 0x7d) && depth > 0) depth--;
    else if (code === 0x0a && compactSequenceDepth(text, index + 1) > max) return index + 1;
  }
  return undefined;
}

/** `- - - a` opens a block sequence per dash on one line; count them from a line's start. */
function compactSequenceDepth(text: string, start: number): number {
  let at = start;
  while (text.charCodeAt(at) === 0x20) at++;
  let depth = 0;
  while (text.charCodeAt(at) === 0x2d && text.charCodeAt(at + 1) === 0x20) {
    depth++;
    at += 2;
    while (text.charCodeAt(at) === 0x20) at++;
  }
  return depth;
}

type ErrorHandler = (source: unknown, code: string, message: string, warning?: boolean) => void;

class FirstYamlError extends Error {
  readonly offset: number;
  constructor(offset: number, message: string) {
    super(message);
    this.offset = offset;
  }
}

/** The composer reports a token, an offset or a [start, end] range. */
function offsetOf(source: unknown): number {
  if (typeof source === "number") return source;
  if (Array.isArray(source)) return Number(source[0]) || 0;
  const offset = (source as { offset?: unknown } | null)?.offset;
  return typeof offset === "number" ? offset : 0;
}

/**
 * A document as plain data with alias expansion capped, so a "billion laughs" file is a problem
 * rather than gigabytes; undefined after reporting it.
 */
export function documentData(
  document: Document,
  result: ParseResultBuilder,
): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: document.toJS({ maxAliasCount: MAX_YAML_ALIASES }) };
  } catch (error) {
    const message = (error as Error).message;
    if (!/alias/i.test(message)) throw error;
    result.problem(`YAML aliases expand past the budget of ${MAX_YAML_ALIASES}; not parsed`);
    return { ok: false };
  }
}

/** Line of each key of the mapping at `path` in a document. */
export function keyLines(
  document: Document,
  path: string[],
  lines: LineIndex,
): Map<string, number> {
  const found = new Map<string, number>();
  const node = document.getIn(path, true);
  if (!isMap(node)) return found;
  for (const item of node.items) {
    const key = item.key;
    if (isScalar(key) && key.range) found.set(String(key.value), lines.lineAt(key.range[0]));
  }
  return found;
}
