// A persistent index of a built offline database, keyed by the inputs' cache key. The header
// (identity, problems, package → byte range) is small JSON; advisories for one package are parsed
// only when a scan asks for that package, so a warm load reads two files and parses one small one.
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import type { Advisory, DatabaseIdentity, SourceProblem } from "../advisory.ts";
import type { BuiltIndex } from "./build.ts";

const FORMAT = 1;

interface CacheHeader {
  format: number;
  identity: DatabaseIdentity;
  problems: SourceProblem[];
  /** Package key → [byte offset, byte length] in the data file. */
  packages: Record<string, [number, number]>;
}

export interface CachedIndex {
  identity: DatabaseIdentity;
  problems: SourceProblem[];
  advisoriesFor(key: string): Advisory[];
}

const paths = (dir: string, key: string) => ({
  header: join(dir, `osv-${key}.header.json`),
  data: join(dir, `osv-${key}.data`),
});

/** Writes atomically (temp file then rename) so a concurrent scan never reads half a cache. */
export function writeCachedIndex(dir: string, key: string, index: BuiltIndex): void {
  mkdirSync(dir, { recursive: true });
  const chunks: Buffer[] = [];
  const packages: Record<string, [number, number]> = {};
  let offset = 0;
  for (const [packageKey, advisories] of index.byPackage) {
    const chunk = Buffer.from(JSON.stringify(advisories));
    packages[packageKey] = [offset, chunk.length];
    chunks.push(chunk);
    offset += chunk.length;
  }
  const header: CacheHeader = {
    format: FORMAT,
    identity: index.identity,
    problems: index.problems,
    packages,
  };
  const target = paths(dir, key);
  const suffix = `.${process.pid}.tmp`;
  writeFileSync(target.data + suffix, Buffer.concat(chunks));
  writeFileSync(target.header + suffix, JSON.stringify(header));
  renameSync(target.data + suffix, target.data);
  renameSync(target.header + suffix, target.header);
  pruneOldIndexes(dir, key);
}

/** Each database version leaves an index; keep the few most recent so the cache stays bounded. */
const KEEP_INDEXES = 4;

function pruneOldIndexes(dir: string, current: string): void {
  const headers = readdirSync(dir)
    .filter((name) => /^osv-[0-9a-f]+\.header\.json$/.test(name))
    .filter((name) => name !== `osv-${current}.header.json`)
    .map((name) => ({ name, time: statSync(join(dir, name)).mtimeMs }))
    .sort((a, b) => b.time - a.time);
  for (const { name } of headers.slice(KEEP_INDEXES - 1)) {
    rmSync(join(dir, name), { force: true });
    rmSync(join(dir, name.replace(/\.header\.json$/, ".data")), { force: true });
  }
}

/** The cached index, or undefined when absent, unreadable or of another format. */
export function readCachedIndex(dir: string, key: string): CachedIndex | undefined {
  const target = paths(dir, key);
  let header: CacheHeader;
  let data: Buffer;
  try {
    header = JSON.parse(readFileSync(target.header, "utf8"));
    data = readFileSync(target.data);
  } catch {
    return undefined;
  }
  if (header.format !== FORMAT) return undefined;
  const parsed = new Map<string, Advisory[]>();
  return {
    identity: header.identity,
    problems: header.problems,
    advisoriesFor(packageKey) {
      let advisories = parsed.get(packageKey);
      if (!advisories) {
        const range = header.packages[packageKey];
        advisories = range ? JSON.parse(data.toString("utf8", range[0], range[0] + range[1])) : [];
        parsed.set(packageKey, advisories as Advisory[]);
      }
      return advisories as Advisory[];
    },
  };
}
