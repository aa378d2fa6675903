// A whole repository scan as the CLI and the action run it: collect lockfiles, read the ignore file
// and the baseline, open the configured advisory sources, scan. Everything a user can get wrong
// comes back as a problem in the result; only a missing --db path is the caller's usage error.
import { existsSync, readFileSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import { type GlobalAdvisoryReader, githubAdvisorySource } from "./advisories/github.ts";
import { defaultCacheDir, openOfflineDatabase } from "./advisories/offline/database.ts";
import { osvApiSource } from "./advisories/osv-api.ts";
import type { AdvisorySource } from "./advisories/source.ts";
import { readBaseline } from "./baseline.ts";
import type { DepsConfig, IgnoreRule } from "./config.ts";
import { parseIgnoreFile } from "./ignore-file.ts";
import { type CollectedPackages, collectPackages } from "./lockfiles/collect.ts";
import { type ScanProblem, type ScanResult, scanPackages } from "./scan.ts";
import { type SnykMerge, snykExtraPackages } from "./snyk.ts";

export interface RepositoryScanOptions {
  root: string;
  config: DepsConfig;
  now: Date;
  /** Offline database path (absolute, or relative to root); overrides `sources.database`. */
  database?: string;
  /** Lockfiles to scan instead of walking the root. */
  files?: string[];
  /** Packages already collected (the action collects first to know which databases to fetch). */
  collected?: CollectedPackages;
  /** Baseline path; overrides `deps.baseline`. */
  baseline?: string;
  cacheDir?: string | false;
  /** Problems the face met before scanning (e.g. a database download that failed). */
  problems?: ScanProblem[];
  github?: GlobalAdvisoryReader;
  snyk?: SnykMerge;
  fetch?: typeof globalThis.fetch;
  env?: NodeJS.ProcessEnv;
}

const inRoot = (root: string, path: string) => (isAbsolute(path) ? path : join(root, path));

function readIgnores(options: RepositoryScanOptions, problems: ScanProblem[]): IgnoreRule[] {
  const ignores = [...options.config.ignores];
  const file = options.config.ignoreFile;
  if (!file) return ignores;
  const path = inRoot(options.root, file);
  if (!existsSync(path)) {
    problems.push({
      kind: "config",
      file,
      message: "ignore file named in deps.ignoreFile does not exist",
    });
    return ignores;
  }
  const parsed = parseIgnoreFile(readFileSync(path, "utf8"), file);
  for (const problem of parsed.problems) problems.push({ kind: "config", ...problem });
  return [...ignores, ...parsed.ignores];
}

function readBaselineKeys(
  options: RepositoryScanOptions,
  problems: ScanProblem[],
): Set<string> | undefined {
  const file = options.baseline ?? options.config.baseline;
  if (!file) return undefined;
  const path = inRoot(options.root, file);
  if (!existsSync(path)) {
    // A first run on a branch has no baseline yet: every finding is new, which is the safe side.
    return options.config.onlyNew ? new Set() : undefined;
  }
  const read = readBaseline(readFileSync(path, "utf8"));
  if (read.ok) return read.keys;
  problems.push({ kind: "baseline", file, message: read.message });
  return undefined;
}

function openSources(options: RepositoryScanOptions, problems: ScanProblem[]): AdvisorySource[] {
  const sources: AdvisorySource[] = [];
  const { sources: configured } = options.config;
  const cacheDir =
    options.cacheDir === false ? undefined : (options.cacheDir ?? defaultCacheDir(options.env));
  const database = options.database ?? configured.database;
  if (database) {
    const path = options.database ? resolve(options.database) : inRoot(options.root, database);
    if (existsSync(path)) {
      sources.push(openOfflineDatabase(path, { cacheDir: cacheDir ?? false }));
    } else {
      problems.push({
        kind: "source",
        file: database,
        message: "offline advisory database not found",
      });
    }
  }
  if (configured.osvApi) {
    sources.push(
      osvApiSource({
        baseUrl: configured.osvApiUrl,
        ...(options.fetch ? { fetch: options.fetch } : {}),
        // Records are cached by id and `modified`, so a changed record is fetched again.
        ...(cacheDir ? { cacheDir: join(cacheDir, "osv-api") } : {}),
      }),
    );
  }
  if (configured.github && options.github) sources.push(githubAdvisorySource(options.github));
  return sources;
}

export async function scanRepository(options: RepositoryScanOptions): Promise<ScanResult> {
  const problems: ScanProblem[] = [...(options.problems ?? [])];
  const collected =
    options.collected ??
    (await collectPackages(options.root, {
      exclude: options.config.exclude,
      ...(options.files ? { files: options.files } : {}),
    }));
  const ignores = readIgnores(options, problems);
  const baseline = readBaselineKeys(options, problems);
  const sources = openSources(options, problems);
  for (const message of options.snyk?.problems ?? [])
    problems.push({ kind: "source", file: "snyk", message });
  return scanPackages({
    collected,
    sources,
    config: options.config,
    ignores,
    now: options.now,
    problems,
    ...(baseline ? { baseline } : {}),
    ...(options.snyk
      ? {
          extra: {
            packages: snykExtraPackages(options.snyk, collected.packages),
            advisories: options.snyk.advisories,
          },
        }
      : {}),
  });
}
