// npm lockfileVersion 2/3 "packages": keys are install folders ("node_modules/a/node_modules/b"),
// "" is the root project and other keys without node_modules are workspace folders.
import type { JsonKeyCursor } from "./json-text.ts";
import { isRecord, stringAt } from "./json-text.ts";
import { declaredDependencies } from "./npm-manifest.ts";
import type { ParseResultBuilder } from "./result.ts";

const NODE_MODULES = "node_modules/";

export function parseNpmPackages(
  packages: Record<string, unknown>,
  cursor: JsonKeyCursor,
  result: ParseResultBuilder,
): void {
  cursor.next("packages");
  const declaredBy = projectDeclarations(packages);
  for (const key of Object.keys(packages)) {
    const line = cursor.next(key);
    const entry = packages[key];
    const at = key.lastIndexOf(NODE_MODULES);
    // Links point at workspace folders, which are listed under their own key.
    if (!isRecord(entry) || key === "" || entry.link === true) continue;
    if (at === -1) {
      addWorkspaceMember(entry, line, result);
      continue;
    }
    const installedAs = key.slice(at + NODE_MODULES.length);
    const name = stringAt(entry, "name") ?? installedAs;
    const version = stringAt(entry, "version");
    if (!version) {
      result.skip(name, "no version recorded in the lockfile", line);
      continue;
    }
    const parent = key.slice(0, Math.max(0, at - 1));
    const direct = isDeclared(declaredBy, parent, installedAs);
    const scope = entry.dev === true ? "dev" : "prod";
    result.add({ name, version, scope, direct, line, alias: installedAs });
  }
}

/**
 * A workspace folder is the project's own package, but often a published one (npm's own
 * workspaces are on the registry), so it is listed when the lockfile records its name and version.
 */
function addWorkspaceMember(
  entry: Record<string, unknown>,
  line: number | undefined,
  result: ParseResultBuilder,
): void {
  const name = stringAt(entry, "name");
  const version = stringAt(entry, "version");
  if (name && version) result.add({ name, version, scope: "prod", direct: true, line });
}

/** Dependency names declared by the root ("") and by each workspace folder. */
function projectDeclarations(packages: Record<string, unknown>): Map<string, Set<string>> {
  const declared = new Map<string, Set<string>>();
  for (const [key, entry] of Object.entries(packages)) {
    if (key.includes(NODE_MODULES) && key !== "") continue;
    const names = declaredDependencies(entry);
    declared.set(key, new Set([...names.prod.keys(), ...names.dev.keys()]));
  }
  return declared;
}

/** Direct: installed right under a project folder, or hoisted to the root, by a project that declares it. */
function isDeclared(declaredBy: Map<string, Set<string>>, parent: string, name: string): boolean {
  if (parent !== "") return declaredBy.get(parent)?.has(name) ?? false;
  for (const names of declaredBy.values()) if (names.has(name)) return true;
  return false;
}
