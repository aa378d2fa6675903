// The offline OSV database as an advisory source: built once from its files, then served from an
// index cached on disk under the content's key (warm loads skip unzipping and parsing).
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Advisory, DatabaseIdentity, SourceProblem } from "../advisory.ts";
import { packageKey } from "../package-key.ts";
import type { AdvisorySource, PackageQuery, SourceAnswer } from "../source.ts";
import { buildIndex } from "./build.ts";
import { readCachedIndex, writeCachedIndex } from "./cache.ts";
import { findDatabaseInputs, inputsCacheKey } from "./inputs.ts";
import type { ZipLimits } from "./zip.ts";

export interface OfflineOptions {
  /** Where the index cache lives; `false` turns caching off. */
  cacheDir?: string | false;
  zipLimits?: ZipLimits;
}

export interface OfflineDatabase extends AdvisorySource {
  identity: DatabaseIdentity;
  problems: SourceProblem[];
  /** Whether this open was served from the cache. */
  warm: boolean;
  advisoriesFor(query: Pick<PackageQuery, "ecosystem" | "name">): Advisory[];
}

/**
 * $UPKEEP_CACHE_DIR, else node_modules/.cache/upkeep under the working directory when it has
 * node_modules (the convention build tools share), else the runner's or system temp directory.
 */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  if (env.UPKEEP_CACHE_DIR) return env.UPKEEP_CACHE_DIR;
  if (existsSync(join(cwd, "node_modules"))) return join(cwd, "node_modules", ".cache", "upkeep");
  return join(env.RUNNER_TEMP || tmpdir(), "upkeep-cache");
}

/** Opens a database; throws only when the path does not exist (a usage error for the caller). */
export function openOfflineDatabase(path: string, options: OfflineOptions = {}): OfflineDatabase {
  const inputs = findDatabaseInputs(path);
  const cacheDir = options.cacheDir === undefined ? defaultCacheDir() : options.cacheDir;
  const key = cacheDir ? inputsCacheKey(inputs) : "";
  const cached = cacheDir ? readCachedIndex(cacheDir, key) : undefined;
  let lookupKey: (key: string) => Advisory[];
  let identity: DatabaseIdentity;
  let problems: SourceProblem[];
  if (cached) {
    ({ identity, problems } = cached);
    lookupKey = (packageKeyText) => cached.advisoriesFor(packageKeyText);
  } else {
    const built = buildIndex(inputs, options.zipLimits);
    ({ identity, problems } = built);
    lookupKey = (packageKeyText) => built.byPackage.get(packageKeyText) ?? [];
    if (cacheDir) {
      try {
        writeCachedIndex(cacheDir, key, built);
      } catch {
        // A read-only or full disk only costs the next run its warm start.
      }
    }
  }
  const advisoriesFor = (query: Pick<PackageQuery, "ecosystem" | "name">) =>
    lookupKey(packageKey(query.ecosystem, query.name));
  return {
    kind: "osv-offline",
    identity,
    problems,
    warm: cached !== undefined,
    advisoriesFor,
    async lookup(queries: PackageQuery[]): Promise<SourceAnswer> {
      const seen = new Set<string>();
      const advisories: Advisory[] = [];
      const keys = new Set(queries.map((query) => packageKey(query.ecosystem, query.name)));
      for (const query of queries) {
        for (const advisory of advisoriesFor(query)) {
          if (seen.has(advisory.id)) continue;
          seen.add(advisory.id);
          advisories.push(advisory);
        }
      }
      // A broken record only makes this scan incomplete when it names a package being scanned.
      const relevant = problems.filter(
        (problem) => !problem.packages || problem.packages.some((key) => keys.has(key)),
      );
      return { advisories, problems: relevant, identity };
    },
  };
}
