// package.json's dependency names: which packages a project declares itself, and which only for
// development. Read beside lockfiles that do not record it (yarn, npm v1).
import { isRecord } from "./json-text.ts";

/** Declared name → range, split by whether the project needs it at run time. */
export interface DeclaredDependencies {
  prod: Map<string, string>;
  dev: Map<string, string>;
}

const PROD_FIELDS = ["dependencies", "optionalDependencies", "peerDependencies"];

export function declaredDependencies(manifest: unknown): DeclaredDependencies {
  const declared: DeclaredDependencies = { prod: new Map(), dev: new Map() };
  if (!isRecord(manifest)) return declared;
  for (const field of PROD_FIELDS)
    for (const [name, range] of entriesOf(manifest[field])) declared.prod.set(name, range);
  for (const [name, range] of entriesOf(manifest.devDependencies))
    if (!declared.prod.has(name)) declared.dev.set(name, range);
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

function entriesOf(value: unknown): [string, string][] {
  if (!isRecord(value)) return [];
  return Object.entries(value).map(([name, range]) => [name, String(range)]);
}
