// uv.lock (format version 1). The project's own packages (editable or virtual sources) name the
// direct dependencies; their dev groups make a package dev unless a prod path reaches it.
import type { LockfileParser } from "../package.ts";
import { isRecord, recordAt, stringAt } from "./json-text.ts";
import { basename, pep503 } from "./names.ts";
import { ParseResultBuilder } from "./result.ts";
import { scopesByReachability } from "./scope-graph.ts";
import { packageIdentity, parseTomlText, tableArrayLines } from "./toml-text.ts";

const PROJECT_SOURCES = ["editable", "virtual"];

interface UvPackage {
  name: string;
  version: string;
  source: string;
  entry: Record<string, unknown>;
  line?: number;
}

export const uvLockParser: LockfileParser = {
  format: "uv.lock",
  matches: (path) => basename(path) === "uv.lock",
  parse(path, content) {
    const result = new ParseResultBuilder(path, "PyPI");
    const lock = parseTomlText(content, result);
    if (!lock) return result.build();
    if (lock.version !== 1)
      return result
        .problem(`unknown uv.lock version ${JSON.stringify(lock.version)} (supported: 1)`, 1)
        .build();
    const lines = tableArrayLines(content, "package");
    const packages: UvPackage[] = [];
    const tables = Array.isArray(lock.package) ? lock.package.filter(isRecord) : [];
    for (const [index, entry] of tables.entries()) {
      const identity = packageIdentity(entry, lines[index], result);
      if (!identity) continue;
      const source = Object.keys(recordAt(entry, "source"))[0] ?? "registry";
      const name = pep503(identity.name);
      packages.push({ name, version: identity.version, source, entry, line: lines[index] });
    }
    addPackages(packages, result);
    return result.build();
  },
};

function addPackages(packages: UvPackage[], result: ParseResultBuilder): void {
  const byName = new Map<string, UvPackage[]>();
  for (const found of packages) {
    const named = byName.get(found.name) ?? [];
    named.push(found);
    byName.set(found.name, named);
  }
  const targets = (dependencies: unknown[]) =>
    dependencies.filter(isRecord).flatMap((dependency) => {
      const candidates = byName.get(pep503(stringAt(dependency, "name") ?? "")) ?? [];
      const version = stringAt(dependency, "version");
      return version ? candidates.filter((candidate) => candidate.version === version) : candidates;
    });
  const projects = packages.filter((found) => PROJECT_SOURCES.includes(found.source));
  const prodRoots = projects.flatMap((project) => targets(runtimeDependencies(project.entry)));
  const devRoots = projects.flatMap((project) =>
    targets(listsIn(recordAt(project.entry, "dev-dependencies"))),
  );
  const edges = (found: UvPackage) => targets(runtimeDependencies(found.entry));
  const scopes = scopesByReachability(prodRoots, devRoots, edges);
  const direct = new Set([...prodRoots, ...devRoots]);
  for (const found of packages) {
    if (PROJECT_SOURCES.includes(found.source)) continue;
    const { name, version, line } = found;
    if (found.source !== "registry") {
      result.skip(name, `installed from a ${found.source} source, not a package index`, line);
      continue;
    }
    if (!version) {
      result.skip(name, "no version recorded in the lockfile", line);
      continue;
    }
    result.add({
      name,
      version,
      scope: scopes.get(found) ?? "prod",
      direct: direct.has(found),
      line,
    });
  }
}

function runtimeDependencies(entry: Record<string, unknown>): unknown[] {
  const dependencies = Array.isArray(entry.dependencies) ? entry.dependencies : [];
  return [...dependencies, ...listsIn(recordAt(entry, "optional-dependencies"))];
}

function listsIn(table: Record<string, unknown>): unknown[] {
  return Object.values(table).flatMap((list) => (Array.isArray(list) ? list : []));
}
