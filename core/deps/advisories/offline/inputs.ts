// Finds the record files of an offline database: one zip, a directory in osv-scanner's layout
// (<ecosystem>/all.zip), or a directory of OSV .json/.yaml files at any depth.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join, relative } from "node:path";

export interface DatabaseInputs {
  root: string;
  /** Absolute paths of zips, sorted. */
  zips: string[];
  /** Absolute paths of loose record files, sorted. */
  records: string[];
}

const RECORD_FILE = /\.(json|ya?ml)$/i;

function walk(dir: string, found: DatabaseInputs): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, found);
    else if (entry.name === "all.zip") found.zips.push(path);
    else if (RECORD_FILE.test(entry.name)) found.records.push(path);
  }
}

/** Throws when the path does not exist; the caller turns that into a usage error. */
export function findDatabaseInputs(path: string): DatabaseInputs {
  const stat = statSync(path);
  if (stat.isFile()) {
    // osv-scanner names every zip all.zip; keeping its folder in the name says which ecosystem.
    const isZip = path.toLowerCase().endsWith(".zip");
    const root = isZip && basename(path) === "all.zip" ? join(path, "..", "..") : join(path, "..");
    return isZip ? { root, zips: [path], records: [] } : { root, zips: [], records: [path] };
  }
  const found: DatabaseInputs = { root: path, zips: [], records: [] };
  walk(path, found);
  found.zips.sort();
  found.records.sort();
  return found;
}

/** A name for reports: "OSV offline (Go/all.zip, PyPI/all.zip)" or "OSV offline (123 files in db/)". */
export function describeInputs(inputs: DatabaseInputs): string {
  const zips = inputs.zips.map((zip) => relative(inputs.root, zip) || basename(zip));
  const parts = [...zips];
  if (inputs.records.length > 0)
    parts.push(`${inputs.records.length} record files in ${basename(inputs.root)}/`);
  return `OSV offline (${parts.join(", ") || "empty"})`;
}

/**
 * Key for the index cache. Zips are hashed by content (cheap: a few MB); loose files by name, size
 * and modification time, since reading thousands of files is what the cache exists to avoid.
 */
export function inputsCacheKey(inputs: DatabaseInputs): string {
  const hash = createHash("sha256");
  for (const zip of inputs.zips)
    hash.update(`zip:${relative(inputs.root, zip)}\n`).update(readFileSync(zip));
  for (const file of inputs.records) {
    const stat = statSync(file);
    hash.update(`file:${relative(inputs.root, file)}:${stat.size}:${stat.mtimeMs}\n`);
  }
  return hash.digest("hex");
}
