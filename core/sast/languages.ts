// Which parser reads which file, and the one-time registration of the @ast-grep/lang-* parsers.
import { createRequire } from "node:module";
import { Lang, registerDynamicLanguage } from "@ast-grep/napi";
import type { RuleLanguage } from "./rule.ts";

/** A parser ast-grep knows: a built-in Lang or a registered dynamic language name. */
export type ParserName = "JavaScript" | "TypeScript" | "Tsx" | "python" | "go" | "java";

const EXTENSIONS: Record<string, ParserName> = {
  js: "JavaScript",
  mjs: "JavaScript",
  cjs: "JavaScript",
  jsx: "JavaScript",
  ts: "TypeScript",
  mts: "TypeScript",
  cts: "TypeScript",
  tsx: "Tsx",
  py: "python",
  go: "go",
  java: "java",
};

/** One rule language covers several parsers: a JavaScript rule also runs on TypeScript and TSX. */
export const PARSERS_OF: Record<Exclude<RuleLanguage, "github-actions">, ParserName[]> = {
  javascript: ["JavaScript", "TypeScript", "Tsx"],
  python: ["python"],
  go: ["go"],
  java: ["java"],
};

export type FileKind = { kind: "code"; parser: ParserName } | { kind: "workflow" };

/** How a file is scanned, or undefined when no rule reads it. */
export function fileKindOf(path: string): FileKind | undefined {
  if (/(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/.test(path)) return { kind: "workflow" };
  const extension = path.slice(path.lastIndexOf(".") + 1).toLowerCase();
  if (path.endsWith(".d.ts")) return undefined;
  const parser = EXTENSIONS[extension];
  return parser ? { kind: "code", parser } : undefined;
}

export function napiLang(parser: ParserName): string {
  if (parser === "JavaScript") return Lang.JavaScript;
  if (parser === "TypeScript") return Lang.TypeScript;
  if (parser === "Tsx") return Lang.Tsx;
  return parser;
}

let registered = false;

/** registerDynamicLanguage may run once per thread; every worker calls this before parsing. */
export function registerLanguages(): void {
  if (registered) return;
  const require = createRequire(import.meta.url);
  registerDynamicLanguage({
    python: require("@ast-grep/lang-python"),
    go: require("@ast-grep/lang-go"),
    java: require("@ast-grep/lang-java"),
  });
  registered = true;
}
