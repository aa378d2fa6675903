// gitignore-style path patterns (.gitignore files in scanned trees, `deps.exclude`, an ignore's
// `path`) compiled to RE2 through core/text/linear-pattern.ts, so matching is linear in the path
// whatever a stranger writes: `**/a/**/a/**/…` made the backtracking `ignore` package take seconds.
import { compileLinearPattern, type LinearPattern } from "../text/linear-pattern.ts";

/** Rules read from one .gitignore or config list; more are dropped with a note (real files hold a few hundred). */
export const MAX_PATH_RULES = 2_000;

export interface PathVerdict {
  ignored: boolean;
  unignored: boolean;
}

export interface PathRules {
  /** The last rule that matches decides, as in git; neither flag when none does. */
  test(path: string): PathVerdict;
  ignores(path: string): boolean;
  /** Lines that are not patterns Upkeep can match, with why. */
  problems: { line: number; message: string }[];
}

interface Rule {
  negated: boolean;
  pattern: LinearPattern;
}

/** Paths are relative with forward slashes; a directory is tested with a trailing "/". */
export function pathRules(lines: readonly string[]): PathRules {
  const rules: Rule[] = [];
  const problems: PathRules["problems"] = [];
  for (const [index, raw] of lines.entries()) {
    const compiled = compileRule(raw);
    if (compiled === undefined) continue;
    if (typeof compiled === "string") problems.push({ line: index + 1, message: compiled });
    else if (rules.length >= MAX_PATH_RULES) {
      problems.push({
        line: index + 1,
        message: `more than ${MAX_PATH_RULES} rules; the rest are not applied`,
      });
      break;
    } else rules.push(compiled);
  }
  const test = (path: string): PathVerdict => {
    for (let index = rules.length - 1; index >= 0; index--) {
      const rule = rules[index]!;
      if (rule.pattern.test(path)) return { ignored: !rule.negated, unignored: rule.negated };
    }
    return { ignored: false, unignored: false };
  };
  return { test, ignores: (path) => test(path).ignored, problems };
}

export function pathRulesFromText(text: string): PathRules {
  return pathRules(text.split(/\r?\n/));
}

/** The error for one pattern, or undefined when it is usable (for config validation). */
export function pathPatternError(pattern: string): string | undefined {
  const compiled = compileRule(pattern);
  return typeof compiled === "string" ? compiled : undefined;
}

/** undefined for blank and comment lines, a message for an unusable pattern. */
function compileRule(raw: string): Rule | string | undefined {
  let line = raw.replace(/(?<!\\)\s+$/, "");
  if (line === "" || line.startsWith("#")) return undefined;
  const negated = line.startsWith("!");
  if (negated) line = line.slice(1);
  if (line.startsWith("\\#") || line.startsWith("\\!")) line = line.slice(1);
  const directoryOnly = line.endsWith("/");
  if (directoryOnly) line = line.slice(0, -1);
  if (line === "") return undefined;
  // A slash before the end anchors the pattern to its folder; otherwise it matches at any depth.
  const anchored = line.includes("/");
  if (line.startsWith("/")) line = line.slice(1);
  const body = translate(line);
  if (typeof body !== "string") return body.error;
  const prefix = anchored || line.startsWith("**/") ? "^" : "^(?:.*/)?";
  const suffix = directoryOnly ? "/.*$" : "(?:/.*)?$";
  const compiled = compileLinearPattern(`${prefix}${body}${suffix}`);
  if (!compiled.ok) return `pattern ${JSON.stringify(raw)}: ${compiled.error}`;
  return { negated, pattern: compiled.pattern };
}

/** Glob → RE2 source: `**` spans folders, `*` and `?` stay inside one, `[…]` is a class. */
function translate(glob: string): string | { error: string } {
  let out = "";
  for (let index = 0; index < glob.length; index++) {
    const char = glob[index]!;
    if (glob.startsWith("**/", index) && (index === 0 || glob[index - 1] === "/")) {
      out += "(?:.*/)?";
      index += 2;
    } else if (glob.startsWith("/**", index) && index + 3 === glob.length) {
      out += "/.+";
      index += 2;
    } else if (char === "*") {
      while (glob[index + 1] === "*") index++;
      out += "[^/]*";
    } else if (char === "?") out += "[^/]";
    else if (char === "[") {
      const end = glob.indexOf("]", index + 2);
      if (end === -1) {
        out += "\\[";
        continue;
      }
      const inside = glob
        .slice(index + 1, end)
        .replace(/^!/, "^")
        .replace(/\\(?!.)/g, "\\\\");
      out += `[${inside.replace(/[[\]]/g, "\\$&")}]`;
      index = end;
    } else if (char === "\\" && index + 1 < glob.length) {
      out += escapeChar(glob[++index]!);
    } else out += escapeChar(char);
  }
  return out;
}

function escapeChar(char: string): string {
  return /[\\^$.|?*+()[\]{}]/.test(char) ? `\\${char}` : char;
}
