// Patterns that users write (config rules, ignore patterns, custom SAST constraints) run on RE2
// semantics through re2js: matching time is linear in the text whatever the pattern, so a rule
// such as `(a+)+$` cannot freeze the process for every installation. Our own patterns stay on
// RegExp and are reviewed for backtracking instead.
import { RE2JS } from "re2js";
import { z } from "zod";

/** Long enough for any real rule; longer sources are refused before compiling. */
export const MAX_PATTERN_LENGTH = 2_000;

export interface LinearPattern {
  readonly source: string;
  /** RE2's program size: matching costs about this many steps per character in the worst case. */
  readonly programSize: number;
  test(text: string): boolean;
  /** The first match and where it starts, or undefined. */
  find(text: string): { index: number; text: string } | undefined;
}

export type CompiledPattern = { ok: true; pattern: LinearPattern } | { ok: false; error: string };

export interface PatternOptions {
  ignoreCase?: boolean;
  /** `^` and `$` match at line breaks. */
  multiline?: boolean;
}

export function compileLinearPattern(
  source: string,
  options: PatternOptions = {},
): CompiledPattern {
  if (source.length > MAX_PATTERN_LENGTH) {
    return {
      ok: false,
      error: `pattern is ${source.length} characters; at most ${MAX_PATTERN_LENGTH}`,
    };
  }
  let flags = 0;
  if (options.ignoreCase) flags |= RE2JS.CASE_INSENSITIVE;
  if (options.multiline) flags |= RE2JS.MULTILINE;
  try {
    const compiled = RE2JS.compile(source, flags);
    return { ok: true, pattern: wrap(source, compiled) };
  } catch (error) {
    return { ok: false, error: describeSyntaxError(error) };
  }
}

/** Compiles a pattern already validated by `linearPatternField`; a failure here is a bug. */
export function mustCompileLinearPattern(
  source: string,
  options: PatternOptions = {},
): LinearPattern {
  const compiled = compileLinearPattern(source, options);
  if (!compiled.ok)
    throw new Error(`pattern passed validation but does not compile: ${compiled.error}`);
  return compiled.pattern;
}

/** A config field holding a user pattern: unsupported constructs are located config errors. */
export function linearPatternField(options: PatternOptions = {}) {
  return z
    .string()
    .min(1)
    .superRefine((source, ctx) => {
      const compiled = compileLinearPattern(source, options);
      if (!compiled.ok) ctx.addIssue({ code: "custom", message: compiled.error });
    });
}

function wrap(source: string, compiled: RE2JS): LinearPattern {
  return {
    source,
    programSize: compiled.programSize(),
    test: (text) => compiled.test(text),
    find(text) {
      const matcher = compiled.matcher(text);
      if (!matcher.find()) return undefined;
      return { index: matcher.start(), text: matcher.group() ?? "" };
    },
  };
}

/** RE2 refuses backreferences and lookaround; say so in words a rule author can act on. */
function describeSyntaxError(error: unknown): string {
  const message = (error instanceof Error ? error.message : String(error)).replace(
    /^error parsing regexp: /,
    "",
  );
  const unsupported = /unsupported Perl syntax|invalid escape|invalid named capture/.test(message);
  const hint = unsupported
    ? " (user patterns run on RE2: lookahead, lookbehind and backreferences are not supported)"
    : "";
  return `invalid regular expression: ${message}${hint}`;
}
