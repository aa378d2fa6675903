// pnpm-lock.yaml, lockfileVersion 5.x (pnpm 7), 6.x (pnpm 8) and 9.x (pnpm 9/10), including files
// with several YAML documents (pnpm 10 writes its own package-manager dependencies first).
import type { LockfileParser } from "../package.ts";
import { isRecord } from "./json-text.ts";
import { basename } from "./names.ts";
import { readPlainYaml } from "./plain-yaml.ts";
import { type PnpmGeneration, parsePackageKey, referencedKey, withoutPeers } from "./pnpm-keys.ts";
import { ParseResultBuilder } from "./result.ts";
import { scopesByReachability } from "./scope-graph.ts";
import { LineIndex } from "./text-lines.ts";
import { documentData, keyLines, parseYamlText } from "./yaml-text.ts";

const DEPENDENCY_FIELDS = ["dependencies", "optionalDependencies", "devDependencies"] as const;

interface PnpmLock {
  generation: PnpmGeneration;
  packages: Record<string, unknown>;
  snapshots: Record<string, unknown>;
  importers: Record<string, unknown>[];
  lines: Map<string, number>;
}

export const pnpmLockParser: LockfileParser = {
  format: "pnpm-lock.yaml",
  matches: (path) => basename(path) === "pnpm-lock.yaml",
  parse(path, content) {
    const result = new ParseResultBuilder(path, "npm");
    const read = readDocuments(content, result);
    if (!read) return result.build();
    const lock = mergeDocuments(read, content, result);
    if (lock) addPackages(lock, result);
    return result.build();
  },
};

interface ReadLock {
  documents: unknown[];
  /** Line of each key under `packages`, across documents. */
  packageLines: Map<string, number>;
}

/** The fast reader for the YAML pnpm writes; the full YAML parser (with its errors) otherwise. */
function readDocuments(content: string, result: ParseResultBuilder): ReadLock | undefined {
  const fast = readPlainYaml(content);
  if (fast)
    return { documents: fast.documents, packageLines: fast.lines.get("packages") ?? new Map() };
  const yaml = parseYamlText(content, result);
  if (!yaml) return undefined;
  const packageLines = new Map<string, number>();
  for (const document of yaml.documents)
    for (const [key, line] of keyLines(document, ["packages"], yaml.lines))
      packageLines.set(key, line);
  const documents: unknown[] = [];
  for (const document of yaml.documents) {
    const data = documentData(document, result);
    if (!data.ok) return undefined;
    documents.push(data.value);
  }
  return { documents, packageLines };
}

function mergeDocuments(
  read: ReadLock,
  content: string,
  result: ParseResultBuilder,
): PnpmLock | undefined {
  const lock: PnpmLock = {
    generation: 9,
    // Without a prototype, a `__proto__` key from the file stays an ordinary entry.
    packages: Object.create(null),
    snapshots: Object.create(null),
    importers: [],
    lines: read.packageLines,
  };
  let version: unknown;
  for (const data of read.documents) {
    if (!isRecord(data)) continue;
    version ??= data.lockfileVersion;
    Object.assign(lock.packages, isRecord(data.packages) ? data.packages : {});
    Object.assign(lock.snapshots, isRecord(data.snapshots) ? data.snapshots : {});
    for (const importer of importersOf(data)) lock.importers.push(importer);
  }
  const generation = generationOf(version);
  if (!generation) {
    result.problem(unknownVersion(version), lockfileVersionLine(content));
    return undefined;
  }
  lock.generation = generation;
  return lock;
}

function lockfileVersionLine(content: string): number | undefined {
  const at = /^lockfileVersion:/m.exec(content)?.index;
  return at === undefined ? undefined : new LineIndex(content).lineAt(at);
}

function importersOf(data: Record<string, unknown>): Record<string, unknown>[] {
  if (isRecord(data.importers)) return Object.values(data.importers).filter(isRecord);
  return DEPENDENCY_FIELDS.some((field) => isRecord(data[field])) ? [data] : [];
}

function generationOf(version: unknown): PnpmGeneration | undefined {
  const major = Number.parseInt(String(version), 10);
  return major === 5 || major === 6 || major === 9 ? major : undefined;
}

function unknownVersion(version: unknown): string {
  if (version === undefined) return "no lockfileVersion: not a pnpm lockfile";
  return `unknown lockfileVersion ${JSON.stringify(version)} (supported: 5.x, 6.x, 9.x)`;
}

function addPackages(lock: PnpmLock, result: ParseResultBuilder): void {
  const { direct, scopes } = lock.generation === 9 ? graphOf(lock) : flagsOf(lock);
  const aliases = importerAliases(lock);
  for (const [key, entry] of Object.entries(lock.packages)) {
    const line = lock.lines.get(key);
    const id = packageIdOf(key, entry, lock.generation);
    if (!id) {
      const name = isRecord(entry) && typeof entry.name === "string" ? entry.name : key;
      result.skip(name, "no version recorded (local package or runtime)", line);
      continue;
    }
    const scope = scopes.get(key) ?? "prod";
    const alias = aliases.get(withoutPeers(key));
    result.add({ name: id.name, version: id.version, scope, direct: direct.has(key), line, alias });
  }
}

/**
 * A registry package's key says its name and version; a git or tarball package's key holds a URL
 * (`name@https://codeload…`, v6 `github.com/owner/repo/sha`), and its entry records `name` and
 * `version` from the package's own package.json.
 */
function packageIdOf(key: string, entry: unknown, generation: PnpmGeneration) {
  const id = parsePackageKey(key, generation);
  if (id && /^\d/.test(id.version)) return id;
  if (!isRecord(entry) || typeof entry.version !== "string" || !/^\d/.test(entry.version))
    return undefined;
  const name = typeof entry.name === "string" ? entry.name : id?.name;
  return name ? { name, version: entry.version } : undefined;
}

/** pnpm 7/8 mark each package `dev: true|false`; importers name the direct ones. */
function flagsOf(lock: PnpmLock) {
  const direct = new Set(importerReferences(lock, DEPENDENCY_FIELDS));
  const scopes = new Map<string, "prod" | "dev">();
  for (const [key, entry] of Object.entries(lock.packages))
    scopes.set(key, isRecord(entry) && entry.dev === true ? "dev" : "prod");
  return { direct, scopes };
}

/** pnpm 9 has no dev flags: walk the snapshot graph from the importers' prod and dev roots. */
function graphOf(lock: PnpmLock) {
  const prodRoots = importerReferences(lock, ["dependencies", "optionalDependencies"]);
  // pnpm 10 records the package manager itself as a dependency: a tool, never shipped.
  const devRoots = importerReferences(lock, ["devDependencies", "packageManagerDependencies"]);
  const edges = (key: string) => snapshotEdges(lock.snapshots[key]);
  const snapshotScopes = scopesByReachability(prodRoots, devRoots, edges);
  const scopes = new Map<string, "prod" | "dev">();
  for (const [key, scope] of snapshotScopes) {
    const packageKey = withoutPeers(key);
    if (scopes.get(packageKey) !== "prod") scopes.set(packageKey, scope);
  }
  const direct = new Set([...prodRoots, ...devRoots].map(withoutPeers));
  return { direct, scopes };
}

function snapshotEdges(snapshot: unknown): string[] {
  if (!isRecord(snapshot)) return [];
  const keys: string[] = [];
  for (const field of ["dependencies", "optionalDependencies"]) {
    const dependencies = snapshot[field];
    if (!isRecord(dependencies)) continue;
    for (const [name, reference] of Object.entries(dependencies)) {
      const key = referencedKey(name, String(reference), 9);
      if (key) keys.push(key);
    }
  }
  return keys;
}

/**
 * Packages the project installs under another name (`foo: npm:bar@^1` is recorded as
 * `foo: {version: bar@1.0.0}`): package key → the name it is installed as.
 */
function importerAliases(lock: PnpmLock): Map<string, string> {
  const aliases = new Map<string, string>();
  for (const importer of lock.importers) {
    for (const field of DEPENDENCY_FIELDS) {
      const dependencies = importer[field];
      if (!isRecord(dependencies)) continue;
      for (const [name, value] of Object.entries(dependencies)) {
        const reference = isRecord(value) ? String(value.version) : String(value);
        const key = referencedKey(name, reference, lock.generation);
        const id = key ? parsePackageKey(key, lock.generation) : undefined;
        if (key && id && id.name !== name) aliases.set(withoutPeers(key), name);
      }
    }
  }
  return aliases;
}

/** The `packages`/`snapshots` keys the importers' dependency fields point at. */
function importerReferences(lock: PnpmLock, fields: readonly string[]): string[] {
  const references: string[] = [];
  for (const importer of lock.importers) {
    for (const field of fields) {
      const dependencies = importer[field];
      if (!isRecord(dependencies)) continue;
      for (const [name, value] of Object.entries(dependencies)) {
        // v5 writes the version itself; v6 and v9 write { specifier, version }.
        const reference = isRecord(value) ? String(value.version) : String(value);
        const key = referencedKey(name, reference, lock.generation);
        if (key) references.push(key);
      }
    }
  }
  return references;
}
