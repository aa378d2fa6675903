// Size cap: a lockfile bigger than this is refused with a problem rather than read into memory.
// The largest real lockfiles we know of (big monorepos' package-lock.json) are around 30 MB.

export const MAX_LOCKFILE_BYTES = 64 * 1024 * 1024;

export function tooLargeMessage(bytes: number, maxBytes = MAX_LOCKFILE_BYTES): string {
  const megabytes = (bytes / 1024 / 1024).toFixed(1);
  const cap = maxBytes / 1024 / 1024;
  return `file is ${megabytes} MB, above the ${cap} MB lockfile size cap; not parsed`;
}

/**
 * Packages one lockfile may list. The biggest real monorepo lockfiles hold about 20k; past this
 * the rest of the file is not listed and a problem says so.
 */
export const MAX_LOCKFILE_ENTRIES = 250_000;

/** Nesting of JSON lockfiles: npm v1 trees nest a level per dependency, rarely past 50. */
export const MAX_JSON_DEPTH = 1_000;

/** Flow-collection nesting of YAML lockfiles (pnpm writes two or three levels). */
export const MAX_YAML_DEPTH = 256;

/** YAML aliases a lockfile may expand (pnpm and pubspec write none; a "billion laughs" needs many). */
export const MAX_YAML_ALIASES = 100;

export function tooManyEntriesMessage(max = MAX_LOCKFILE_ENTRIES): string {
  return `more than ${max.toLocaleString("en")} packages, above the per-lockfile budget; the rest are not listed`;
}
