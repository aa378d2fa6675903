// poetry.lock (lock-version 1.x and 2.x). Dev scope comes from `category` (Poetry < 1.5) or `groups`
// (Poetry 2); locks that record neither get it from pyproject.toml and the dependency graph.
import type { LockfileParser, ParseContext } from "../package.ts";
import { isRecord, recordAt, stringAt } from "./json-text.ts";
import { basename, pep503 } from "./names.ts";
import { declaredPythonNames } from "./python-manifest.ts";
import { ParseResultBuilder } from "./result.ts";
import { scopesByReachability } from "./scope-graph.ts";
import { packageIdentity, parseTomlText, tableArrayLines } from "./toml-text.ts";

export const poetryLockParser: LockfileParser = {
  format: "poetry.lock",
  matches: (path) => basename(path) === "poetry.lock",
  parse(path, content, context?: ParseContext) {
    const result = new ParseResultBuilder(path, "PyPI");
    const lock = parseTomlText(content, result);
    if (!lock) return result.build();
    const lockVersion = stringAt(recordAt(lock, "metadata"), "lock-version");
    if (lockVersion !== undefined && !/^[12]\./.test(lockVersion))
      return result.problem(`unknown lock-version "${lockVersion}" (supported: 1.x, 2.x)`).build();
    const packages = Array.isArray(lock.package) ? lock.package.filter(isRecord) : [];
    const lines = tableArrayLines(content, "package");
    const declared = declaredPythonNames(context?.readRelative);
    const graphScopes = scopesFromGraph(packages, declared);
    for (const [index, entry] of packages.entries()) {
      const line = lines[index];
      const identity = packageIdentity(entry, line, result);
      if (!identity) continue;
      const name = pep503(identity.name);
      const version = identity.version;
      const source = stringAt(recordAt(entry, "source"), "type");
      // A git or URL source records the version its build reported; local folders and files
      // are the project's own code.
      if (source === "directory" || source === "file" || !version) {
        result.skip(
          name,
          `installed from a ${source ?? "unknown"} source, not a package index`,
          line,
        );
        continue;
      }
      const scope = recordedScope(entry) ?? graphScopes.get(name) ?? "prod";
      const direct = declared ? declared.prod.has(name) || declared.dev.has(name) : false;
      result.add({ name, version, scope, direct, line });
    }
    return result.build();
  },
};

function recordedScope(entry: Record<string, unknown>): "prod" | "dev" | undefined {
  const category = stringAt(entry, "category");
  if (category) return category === "dev" ? "dev" : "prod";
  if (Array.isArray(entry.groups)) return entry.groups.includes("main") ? "prod" : "dev";
  return undefined;
}

function scopesFromGraph(
  packages: Record<string, unknown>[],
  declared: ReturnType<typeof declaredPythonNames>,
): Map<string, "prod" | "dev"> {
  if (!declared) return new Map();
  const dependenciesOf = new Map<string, string[]>();
  for (const entry of packages) {
    const names = Object.keys(recordAt(entry, "dependencies")).map(pep503);
    dependenciesOf.set(pep503(stringAt(entry, "name") ?? ""), names);
  }
  return scopesByReachability(
    declared.prod,
    declared.dev,
    (name) => dependenciesOf.get(name) ?? [],
  );
}
