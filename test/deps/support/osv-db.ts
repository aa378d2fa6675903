// Builds offline OSV databases in temporary directories for tests: loose record files, or zips in
// osv-scanner's <ecosystem>/all.zip layout, made with fflate like real ones.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strToU8, type Zippable, zipSync } from "fflate";
import { npmOsvRecords } from "./npm-advisories.ts";

export const SHARED_OSV = new URL("../../../../shared/osv/", import.meta.url).pathname;

export function tempDir(prefix = "upkeep-deps-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A directory of loose OSV JSON files: every convertible npm advisory plus `extra` records. */
export function npmDatabaseDir(extra: Record<string, unknown>[] = []): string {
  const dir = tempDir("upkeep-npm-db-");
  mkdirSync(join(dir, "npm"));
  for (const [file, record] of npmOsvRecords())
    writeFileSync(join(dir, "npm", file), JSON.stringify(record));
  for (const record of extra) writeFileSync(join(dir, `${record.id}.json`), JSON.stringify(record));
  return dir;
}

/** One all.zip holding the given entries (name → text or bytes). */
export function zipOf(entries: Record<string, string | Uint8Array>): Uint8Array {
  const zippable: Zippable = {};
  for (const [name, content] of Object.entries(entries)) {
    zippable[name] = typeof content === "string" ? strToU8(content) : content;
  }
  return zipSync(zippable, { level: 9 });
}

export function writeZipDatabase(
  ecosystems: Record<string, Record<string, string | Uint8Array>>,
): string {
  const dir = tempDir("upkeep-zip-db-");
  for (const [ecosystem, entries] of Object.entries(ecosystems)) {
    mkdirSync(join(dir, ecosystem));
    writeFileSync(join(dir, ecosystem, "all.zip"), zipOf(entries));
  }
  return dir;
}
