// What each local name in a file was imported as, so a sink can require `exec` to come from
// child_process rather than be any function that happens to be called exec.
import type { SgNode } from "@ast-grep/napi";
import type { ParserName } from "./languages.ts";

export interface ImportedName {
  module: string;
  /** The exported member, or "*" for the module namespace itself. */
  member: string;
}

export type ImportMap = Map<string, ImportedName>;

export function collectImports(root: SgNode, parser: ParserName): ImportMap {
  const imports: ImportMap = new Map();
  if (parser === "python") collectPython(root, imports);
  else if (parser === "go") collectGo(root, imports);
  else if (parser !== "java") collectJavaScript(root, imports);
  return imports;
}

/** `node:fs` and `fs` are one module. */
function normaliseModule(name: string): string {
  return name.replace(/^node:/, "");
}

function unquote(text: string): string {
  return text.replace(/^[`'"]|[`'"]$/g, "");
}

function collectJavaScript(root: SgNode, imports: ImportMap): void {
  for (const statement of root.findAll({ rule: { kind: "import_statement" } })) {
    const source = statement.field("source");
    const clause = statement.children().find((child) => String(child.kind()) === "import_clause");
    if (!source || !clause) continue;
    const module = normaliseModule(unquote(source.text()));
    for (const part of clause.namedChildren()) {
      if (part.kind() === "identifier") imports.set(part.text(), { module, member: "*" });
      if (part.kind() === "namespace_import") {
        const name = part.namedChildren()[0];
        if (name) imports.set(name.text(), { module, member: "*" });
      }
      if (part.kind() === "named_imports") {
        for (const specifier of part.namedChildren()) {
          const member = specifier.field("name")?.text();
          const alias = specifier.field("alias")?.text() ?? member;
          if (member && alias) imports.set(alias, { module, member });
        }
      }
    }
  }
  // A kind + regex rule is much cheaper for ast-grep than the pattern `require($M)`.
  const requires = root.findAll({ rule: { kind: "call_expression", regex: "^require\\s*\\(" } });
  for (const call of requires) {
    const moduleNode = call.field("arguments")?.namedChildren()[0];
    if (!moduleNode || !/^(string|template_string)$/.test(String(moduleNode.kind()))) continue;
    bindRequire(call, normaliseModule(unquote(moduleNode.text())), imports);
  }
}

/** `const cp = require("m")`, `const { exec } = require("m")`, `const run = require("m").exec`. */
function bindRequire(call: SgNode, module: string, imports: ImportMap): void {
  let member = "*";
  let value: SgNode = call;
  const parent = call.parent();
  if (parent?.kind() === "member_expression" && parent.field("object")?.id() === call.id()) {
    member = parent.field("property")?.text() ?? "*";
    value = parent;
  }
  const declarator = value.parent();
  if (declarator?.kind() !== "variable_declarator") return;
  const target = declarator.field("name");
  if (!target) return;
  if (String(target.kind()) === "identifier") {
    imports.set(target.text(), { module, member });
    return;
  }
  for (const property of target.namedChildren()) {
    if (property.kind() === "shorthand_property_identifier_pattern")
      imports.set(property.text(), { module, member: property.text() });
    if (property.kind() === "pair_pattern") {
      const key = property.field("key")?.text();
      const alias = property.field("value")?.text();
      if (key && alias) imports.set(alias, { module, member: key });
    }
  }
}

function collectPython(root: SgNode, imports: ImportMap): void {
  for (const statement of root.findAll({ rule: { kind: "import_statement" } })) {
    for (const name of statement.fieldChildren("name")) {
      if (name.kind() === "aliased_import") {
        const module = name.field("name")?.text();
        const alias = name.field("alias")?.text();
        if (module && alias) imports.set(alias, { module, member: "*" });
      } else {
        // `import os.path` binds `os`; qualified names then read os.path.join as written.
        const head = name.text().split(".")[0] as string;
        imports.set(head, { module: head, member: "*" });
      }
    }
  }
  for (const statement of root.findAll({ rule: { kind: "import_from_statement" } })) {
    const module = statement.field("module_name")?.text();
    if (!module) continue;
    for (const name of statement.fieldChildren("name")) {
      if (name.kind() === "aliased_import") {
        const member = name.field("name")?.text();
        const alias = name.field("alias")?.text();
        if (member && alias) imports.set(alias, { module, member });
      } else imports.set(name.text(), { module, member: name.text() });
    }
  }
}

function collectGo(root: SgNode, imports: ImportMap): void {
  for (const spec of root.findAll({ rule: { kind: "import_spec" } })) {
    const path = spec.field("path")?.text();
    if (!path) continue;
    const module = unquote(path);
    const alias = spec.field("name")?.text() ?? module.split("/").pop();
    if (alias && alias !== "_" && alias !== ".") imports.set(alias, { module, member: "*" });
  }
}

/**
 * The qualified name a callee resolves to: `cp.exec` with `cp = require("child_process")` is
 * `child_process.exec`; an unimported name stays as written (a global such as `eval`).
 */
export function qualifiedName(calleeText: string, imports: ImportMap): string {
  const text = calleeText.replace(/\s+/g, "").replace(/^window\.|^globalThis\./, "");
  const direct = text.match(/^require\((['"`])([^'"`]+)\1\)\.(.+)$/);
  if (direct) return `${normaliseModule(direct[2] as string)}.${direct[3]}`;
  const [head, ...rest] = text.split(".");
  const imported = imports.get(head as string);
  if (!imported) return text;
  const member = imported.member === "*" || imported.member === "default" ? [] : [imported.member];
  return [imported.module, ...member, ...rest].join(".");
}
