// The small template language of the RCA and security-window bodies: `{{ name }}` inserts a value.
// Deliberately no logic, so a maintainer's template can only fail in ways we can point at.

export interface TemplateProblem {
  line: number;
  column: number;
  message: string;
}

type Part = string | { name: string };

export interface CompiledTemplate {
  parts: Part[];
  names: Set<string>;
}

export type TemplateResult =
  | { ok: true; template: CompiledTemplate }
  | { ok: false; problems: TemplateProblem[] };

const NAME = /^[a-z][a-z0-9_]*$/;

/** Checks every tag against the names the caller will provide. */
export function compileTemplate(text: string, knownNames: readonly string[]): TemplateResult {
  const parts: Part[] = [];
  const names = new Set<string>();
  const problems: TemplateProblem[] = [];
  let cursor = 0;
  while (cursor < text.length) {
    const open = text.indexOf("{{", cursor);
    if (open < 0) break;
    parts.push(text.slice(cursor, open));
    const close = text.indexOf("}}", open + 2);
    const lineEnd = text.indexOf("\n", open);
    if (close < 0 || (lineEnd >= 0 && close > lineEnd)) {
      problems.push({
        ...position(text, open),
        message: 'unclosed "{{": expected "}}" on the same line',
      });
      cursor = open + 2;
      continue;
    }
    const name = text.slice(open + 2, close).trim();
    if (!NAME.test(name)) {
      problems.push({
        ...position(text, open),
        message: `"{{${text.slice(open + 2, close)}}}" is not a variable name`,
      });
    } else if (!knownNames.includes(name)) {
      problems.push({
        ...position(text, open),
        message: `unknown variable "${name}"; known: ${knownNames.join(", ")}`,
      });
    } else {
      parts.push({ name });
      names.add(name);
    }
    cursor = close + 2;
  }
  parts.push(text.slice(cursor));
  return problems.length > 0 ? { ok: false, problems } : { ok: true, template: { parts, names } };
}

export function renderTemplate(template: CompiledTemplate, values: Record<string, string>): string {
  return template.parts
    .map((part) => (typeof part === "string" ? part : (values[part.name] ?? "")))
    .join("");
}

export function formatTemplateProblem(file: string, problem: TemplateProblem): string {
  return `${file}:${problem.line}:${problem.column}: ${problem.message}`;
}

function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - before.lastIndexOf("\n") };
}
