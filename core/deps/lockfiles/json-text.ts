// JSON lockfiles: parse with JSON.parse (the fast floor), then find entry lines from the text.
import type { ParseProblem } from "../package.ts";
import { MAX_JSON_DEPTH } from "./limits.ts";
import { LineIndex } from "./text-lines.ts";

export type JsonParse = { ok: true; value: unknown } | { ok: false; problem: ParseProblem };

/** JSON.parse with a problem that names the file and, where the engine says it, the line. */
export function parseJsonText(file: string, text: string): JsonParse {
  const deep = depthOver(text, MAX_JSON_DEPTH);
  if (deep !== undefined) {
    const message = `JSON nested more than ${MAX_JSON_DEPTH} levels deep; not parsed`;
    return { ok: false, problem: { file, line: new LineIndex(text).lineAt(deep), message } };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const message = (error as Error).message;
    const line = errorLine(text, message);
    return { ok: false, problem: { file, line, message: jsonMessage(text, message) } };
  }
}

/** Offset where nesting first passes `max` (strings skipped), or undefined; one linear pass. */
function depthOver(text: string, max: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 0x5c) index++;
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) inString = true;
    else if (code === 0x7b || code === 0x5b) {
      if (++depth > max) return index;
    } else if (code === 0x7d || code === 0x5d) depth--;
  }
  return undefined;
}

function errorLine(text: string, message: string): number {
  const line = /\bline (\d+)/.exec(message);
  if (line) return Number(line[1]);
  const position = /\bposition (\d+)/.exec(message);
  const index = new LineIndex(text);
  // "Unexpected end of JSON input" has no position: the file stops early, so blame its last line.
  return index.lineAt(position ? Number(position[1]) : text.length);
}

function jsonMessage(text: string, message: string): string {
  const plain = message.replace(/\s*\(line \d+ column \d+\)/, "");
  const position = /\bposition (\d+)/.exec(message);
  const atEnd = position !== null && Number(position[1]) >= text.trimEnd().length - 1;
  if (atEnd || /end of JSON input/i.test(message))
    return `malformed JSON: the file ends early (truncated?): ${plain}`;
  return `malformed JSON: ${plain}`;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function recordAt(value: unknown, key: string): Record<string, unknown> {
  const inner = isRecord(value) ? value[key] : undefined;
  return isRecord(inner) ? inner : {};
}

export function stringAt(value: unknown, key: string): string | undefined {
  const inner = isRecord(value) ? value[key] : undefined;
  return typeof inner === "string" ? inner : undefined;
}

/**
 * Finds object-valued keys in document order: each search starts where the last one ended, so a
 * whole lockfile costs one pass. A key counts only when its value opens an object, which skips
 * the same name appearing as a string-valued key (`"requires": { "a": "^1" }`).
 */
export class JsonKeyCursor {
  readonly #text: string;
  readonly #lines: LineIndex;
  #at = 0;

  constructor(text: string, lines = new LineIndex(text)) {
    this.#text = text;
    this.#lines = lines;
  }

  /** Moves past the first object-valued `key`; returns its line, or undefined (cursor unchanged). */
  next(key: string): number | undefined {
    const needle = JSON.stringify(key);
    let at = this.#text.indexOf(needle, this.#at);
    while (at !== -1) {
      const after = at + needle.length;
      if (this.#opensObject(after)) {
        this.#at = after;
        return this.#lines.lineAt(at);
      }
      at = this.#text.indexOf(needle, after);
    }
    return undefined;
  }

  #opensObject(from: number): boolean {
    let at = this.#skipSpace(from);
    if (this.#text[at] !== ":") return false;
    at = this.#skipSpace(at + 1);
    return this.#text[at] === "{";
  }

  #skipSpace(from: number): number {
    let at = from;
    while (at < this.#text.length && " \t\r\n".includes(this.#text[at]!)) at++;
    return at;
  }
}

/** Line of the first `"field": "value"` pair for every value, from one regular-expression pass. */
export function linesOfStringField(text: string, field: string): Map<string, number> {
  const lines = new LineIndex(text);
  const found = new Map<string, number>();
  const pattern = new RegExp(`"${field}"\\s*:\\s*"((?:[^"\\\\]|\\\\.)*)"`, "g");
  for (const match of text.matchAll(pattern)) {
    const value = JSON.parse(`"${match[1]}"`) as string;
    if (!found.has(value)) found.set(value, lines.lineAt(match.index));
  }
  return found;
}
