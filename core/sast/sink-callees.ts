// Which callee texts in one file can resolve to a sink: `cp.exec` when cp is child_process,
// `run` when run was imported as subprocess.run. ast-grep then only hands back those calls, and
// a file that imports no sink module skips the rule without searching at all.
import type { ImportMap } from "./imports.ts";

/** A regex for the callee text, or undefined when nothing in the file can reach a sink. */
export function calleePattern(functions: string[], imports: ImportMap): string | undefined {
  const candidates = new Set<string>();
  for (const name of functions) {
    if (!name.includes(".") && !imports.has(name)) candidates.add(escapeCallee(name));
    for (const [local, imported] of imports) {
      const rest = remainder(name, imported.module, imported.member);
      if (rest !== undefined) candidates.add(escapeCallee(local + rest));
    }
    for (const split of moduleSplits(name)) {
      const quoted = `require\\(\\s*['"\`]${escapeText(split.module)}['"\`]\\s*\\)`;
      candidates.add(`${quoted}${escapeCallee(split.rest)}`);
    }
  }
  if (candidates.size === 0) return undefined;
  return `^(${[...candidates].join("|")})$`;
}

/** What follows the local name: "" for the function itself, ".exec" for a namespace. */
function remainder(name: string, module: string, member: string): string | undefined {
  const prefix = member === "*" || member === "default" ? module : `${module}.${member}`;
  if (name === prefix) return "";
  return name.startsWith(`${prefix}.`) ? name.slice(prefix.length) : undefined;
}

/** `lodash.merge` might be module lodash's merge or the module lodash.merge itself. */
function moduleSplits(name: string): { module: string; rest: string }[] {
  const parts = name.split(".");
  return parts.map((_, index) => ({
    module: parts.slice(0, index + 1).join("."),
    rest: parts
      .slice(index + 1)
      .map((part) => `.${part}`)
      .join(""),
  }));
}

/** Dots in a callee may have whitespace around them (`cp\n  .exec`). */
function escapeCallee(callee: string): string {
  return callee.split(".").map(escapeText).join("\\s*\\.\\s*");
}

function escapeText(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}
