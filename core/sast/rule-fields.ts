// Checks the parts of a rule that ast-grep would accept silently or report without a location:
// a `pattern` that does not parse in the rule's language (ast-grep then matches a broken tree),
// and a `regex` that the linear-time engine cannot run. Each problem names the field's path,
// e.g. `constraints.CMD.regex` or `rule.any[1].pattern`.
import { parse } from "@ast-grep/napi";
import { compileLinearPattern } from "../text/linear-pattern.ts";
import { napiLang, type ParserName } from "./languages.ts";

/** The sections of a rule file that hold ast-grep rule objects. */
const SECTIONS = ["rule", "constraints", "utils"] as const;

/** Languages whose grammar has no `$` in names: ast-grep swaps metavariables' `$` for this. */
const EXPANDO: Partial<Record<ParserName, string>> = { python: "µ", go: "µ" };

export function ruleFieldProblem(
  rule: Partial<Record<(typeof SECTIONS)[number], unknown>>,
  parsers: ParserName[],
): string | undefined {
  for (const section of SECTIONS) {
    for (const field of fieldsOf(rule[section], section)) {
      const problem =
        field.key === "regex" ? regexProblem(field.value) : patternProblem(field.value, parsers);
      if (problem) return `${field.path}: ${problem}`;
    }
  }
  return undefined;
}

interface Field {
  path: string;
  key: "regex" | "pattern";
  value: string;
}

/** Every `regex` and `pattern` string (or `pattern.context`) under a section, with its path. */
function* fieldsOf(value: unknown, path: string, depth = 0): Generator<Field> {
  if (depth > 64 || value === null || typeof value !== "object") return;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries())
      yield* fieldsOf(item, `${path}[${index}]`, depth + 1);
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    const at = `${path}.${key}`;
    if (key === "regex" && typeof child === "string") yield { path: at, key, value: child };
    else if (key === "pattern" && typeof child === "string") yield { path: at, key, value: child };
    else if (key === "pattern" && typeof (child as { context?: unknown })?.context === "string")
      yield { path: `${at}.context`, key, value: (child as { context: string }).context };
    else yield* fieldsOf(child, at, depth + 1);
  }
}

function regexProblem(source: string): string | undefined {
  const compiled = compileLinearPattern(source);
  return compiled.ok ? undefined : compiled.error;
}

function patternProblem(source: string, parsers: ParserName[]): string | undefined {
  for (const parser of parsers) {
    const expando = EXPANDO[parser];
    const text = expando ? source.replaceAll("$", expando) : source;
    const root = parse(napiLang(parser), text).root();
    const error = root.find({ rule: { kind: "ERROR" } });
    if (error)
      return `the pattern does not parse as ${parser} (near "${error.text().slice(0, 40)}"); write a complete expression or statement`;
  }
  return undefined;
}
