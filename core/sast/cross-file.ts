// One step of data flow across files (JavaScript/TypeScript): a route that passes request data
// to a function it imported from a relative module taints that function's parameter in the
// other file. `runTool(req.query.name)` with `const runTool = require("./run-tool")` makes
// `command` in run-tool.js's `module.exports = function runTool(command)` request data.
import { parse, type SgNode } from "@ast-grep/napi";
import {
  BudgetExceeded,
  deepestNesting,
  longestCallChain,
  MAX_CALL_CHAIN,
  MAX_NESTING,
  TimeBudget,
} from "./budget.ts";
import { FileFlow } from "./flow.ts";
import { collectImports } from "./imports.ts";
import { napiLang, type ParserName } from "./languages.ts";

export interface SourceFile {
  /** Relative to the scan root, forward slashes. */
  path: string;
  text: string;
  parser: ParserName;
}

/** A parameter of an exported function that some importer calls with request data. */
export interface TaintedParameter {
  /** The export's name, or "default" for `module.exports =` / `export default`. */
  exportName: string;
  index: number;
}

export type TaintedParameters = Record<string, TaintedParameter[]>;

export const JS_PARSERS = new Set<ParserName>(["JavaScript", "TypeScript", "Tsx"]);
const EXTENSIONS = ["", ".js", ".ts", ".mjs", ".cjs", ".tsx", "/index.js", "/index.ts"];
/** Only files that import a relative module and read request data can taint another file. */
const WORTH_PARSING = /(require\(\s*|from\s+)['"]\.\.?\//;
const REQUEST_WORDS = /\b(req|request|ctx|event)\./;

/** Which exported parameters in which files receive request data from another file. */
export function crossFileTaint(files: SourceFile[]): TaintedParameters {
  const known = new Set(files.map((file) => file.path));
  const tainted: TaintedParameters = {};
  for (const file of files) {
    if (!JS_PARSERS.has(file.parser)) continue;
    if (!WORTH_PARSING.test(file.text) || !REQUEST_WORDS.test(file.text)) continue;
    for (const call of taintedImportedCalls(file)) {
      const target = resolveModule(file.path, call.module, known);
      if (!target) continue;
      tainted[target] ??= [];
      const list = tainted[target];
      if (!list.some((p) => p.exportName === call.exportName && p.index === call.index))
        list.push({ exportName: call.exportName, index: call.index });
    }
  }
  return tainted;
}

interface ImportedCall {
  module: string;
  exportName: string;
  index: number;
}

/** Seconds the cross-file pass may spend on one file; the scan's own budget applies later. */
const FILE_SECONDS = 5;

function taintedImportedCalls(file: SourceFile): ImportedCall[] {
  // The same limits as the scan: a deeply nested or slow file adds nothing rather than stalling.
  if (deepestNesting(file.text).depth > MAX_NESTING) return [];
  if (longestCallChain(file.text).length > MAX_CALL_CHAIN) return [];
  const found: ImportedCall[] = [];
  try {
    collectTaintedCalls(file, found);
  } catch (error) {
    if (!(error instanceof BudgetExceeded)) throw error;
  }
  return found;
}

function collectTaintedCalls(file: SourceFile, found: ImportedCall[]): void {
  const budget = new TimeBudget(FILE_SECONDS * 1000);
  const root = parse(napiLang(file.parser), file.text).root();
  const imports = collectImports(root, file.parser);
  const relative = [...imports].filter(([, imported]) => imported.module.startsWith("."));
  if (relative.length === 0) return;
  const flow = new FileFlow(root, file.parser, budget);
  for (const call of root.findAll({ rule: { kind: "call_expression" } })) {
    budget.check();
    const target = importedTarget(call, imports);
    if (!target) continue;
    const args = (call.field("arguments") as SgNode | null)?.namedChildren() ?? [];
    args.forEach((argument, index) => {
      if (flow.isTainted(argument)) found.push({ ...target, index });
    });
  }
}

/** `runTool(...)`, `lib.run(...)`, `run(...)` after an import from a relative module. */
function importedTarget(
  call: SgNode,
  imports: ReturnType<typeof collectImports>,
): { module: string; exportName: string } | undefined {
  const callee = call.field("function")?.text().replace(/\s+/g, "") ?? "";
  const [head, ...rest] = callee.split(".");
  const imported = imports.get(head ?? "");
  if (!imported?.module.startsWith(".")) return undefined;
  const whole = imported.member === "*" || imported.member === "default";
  if (whole && rest.length === 0) return { module: imported.module, exportName: "default" };
  if (whole && rest.length === 1) return { module: imported.module, exportName: rest[0]! };
  if (!whole && rest.length === 0) return { module: imported.module, exportName: imported.member };
  return undefined;
}

function resolveModule(from: string, module: string, known: Set<string>): string | undefined {
  const parts = from.split("/").slice(0, -1);
  for (const segment of module.split("/")) {
    if (segment === "..") parts.pop();
    else if (segment !== "." && segment !== "") parts.push(segment);
  }
  const base = parts.join("/");
  for (const extension of EXTENSIONS) {
    const candidate = base.replace(/\.js$/, "") + extension;
    if (known.has(candidate)) return candidate;
    if (known.has(base + extension)) return base + extension;
  }
  return undefined;
}

/**
 * The name a function is exported under, if any: `export function f`, `export const f = () =>`,
 * `export default function`, `module.exports = function`, `exports.f = function`, or a named
 * function listed in `module.exports = f` / `module.exports = { f }` / `exports.g = f`.
 */
export function exportNameOf(fn: SgNode, fileText: string): string | undefined {
  const parent = fn.parent();
  const parentKind = parent ? String(parent.kind()) : "";
  const ownName = (fn.field("name" as never) as SgNode | null)?.text();
  if (parentKind === "export_statement")
    return /^export\s+default\b/.test(parent!.text()) ? "default" : ownName;
  if (parentKind === "assignment_expression") {
    const left = (parent!.field("left" as never) as SgNode | null)?.text().replace(/\s+/g, "");
    if (left === "module.exports") return "default";
    const member = left?.match(/^(?:module\.)?exports\.([A-Za-z_$][\w$]*)$/);
    if (member) return member[1];
  }
  if (parentKind === "variable_declarator") {
    const name = (parent!.field("name" as never) as SgNode | null)?.text();
    const statement = parent!.parent()?.parent();
    if (name && statement && String(statement.kind()) === "export_statement") return name;
    return name ? exportedByName(name, fileText) : undefined;
  }
  return ownName ? exportedByName(ownName, fileText) : undefined;
}

function exportedByName(name: string, text: string): string | undefined {
  const escaped = name.replace(/[$]/g, "\\$");
  if (new RegExp(`module\\.exports\\s*=\\s*${escaped}\\b`).test(text)) return "default";
  if (new RegExp(`module\\.exports\\s*=\\s*\\{[^}]*\\b${escaped}\\b`).test(text)) return name;
  const alias = text.match(new RegExp(`exports\\.([A-Za-z_$][\\w$]*)\\s*=\\s*${escaped}\\b`));
  return alias?.[1];
}
