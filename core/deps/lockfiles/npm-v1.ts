// npm lockfileVersion 1: a nested "dependencies" tree with dev flags but no record of which
// packages the project declares, so direct comes from package.json beside the lockfile.
import type { ParseContext } from "../package.ts";
import type { JsonKeyCursor } from "./json-text.ts";
import { isRecord, stringAt } from "./json-text.ts";
import { declaredDependencies, readPackageJson } from "./npm-manifest.ts";
import type { ParseResultBuilder } from "./result.ts";

export function parseNpmV1(
  lock: Record<string, unknown>,
  cursor: JsonKeyCursor,
  result: ParseResultBuilder,
  context: ParseContext | undefined,
): void {
  const declared = declaredDependencies(readPackageJson(context?.readRelative));
  const topLevel = new Set([...declared.prod.keys(), ...declared.dev.keys()]);
  cursor.next("dependencies");
  walk(lock.dependencies, topLevel, cursor, result);
}

function walk(
  dependencies: unknown,
  declared: Set<string>,
  cursor: JsonKeyCursor,
  result: ParseResultBuilder,
): void {
  if (!isRecord(dependencies)) return;
  for (const [installedAs, entry] of Object.entries(dependencies)) {
    const line = cursor.next(installedAs);
    if (!isRecord(entry)) continue;
    addEntry(installedAs, entry, declared.has(installedAs), line, result);
    if (isRecord(entry.dependencies)) {
      cursor.next("dependencies");
      walk(entry.dependencies, new Set(), cursor, result);
    }
  }
}

function addEntry(
  installedAs: string,
  entry: Record<string, unknown>,
  direct: boolean,
  line: number | undefined,
  result: ParseResultBuilder,
): void {
  const recorded = stringAt(entry, "version") ?? "";
  const alias = /^npm:(@?[^@]+)@(.+)$/.exec(recorded);
  const name = alias ? alias[1]! : installedAs;
  const version = alias ? alias[2]! : recorded;
  if (!/^\d/.test(version)) {
    result.skip(name, `not a registry version: ${JSON.stringify(recorded)}`, line);
    return;
  }
  const scope = entry.dev === true ? "dev" : "prod";
  result.add({ name, version, scope, direct, line, alias: installedAs });
}
