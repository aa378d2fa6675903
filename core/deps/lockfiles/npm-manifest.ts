// package.json's dependency names: which packages a project declares itself, and which only for
// development. Read beside lockfiles that do not record it (yarn, npm v1).
import { isRecord } from "./json-text.ts";

export interface DeclaredDependencies {
  prod: Set<string>;
  dev: Set<string>;
}

const PROD_FIELDS = ["dependencies", "optionalDependencies", "peerDependencies"];

export function declaredDependencies(manifest: unknown): DeclaredDependencies {
  const declared: DeclaredDependencies = { prod: new Set(), dev: new Set() };
  if (!isRecord(manifest)) return declared;
  for (const field of PROD_FIELDS)
    for (const name of keysOf(manifest[field])) declared.prod.add(name);
  for (const name of keysOf(manifest.devDependencies))
    if (!declared.prod.has(name)) declared.dev.add(name);
  return declared;
}

/** package.json beside the lockfile, when it exists and parses; a broken one just means unknown. */
export function readPackageJson(read: ((path: string) => string | undefined) | undefined): unknown {
  const text = read?.("package.json");
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function keysOf(value: unknown): string[] {
  return isRecord(value) ? Object.keys(value) : [];
}
