// Size cap: a lockfile bigger than this is refused with a problem rather than read into memory.
// The largest real lockfiles we know of (big monorepos' package-lock.json) are around 30 MB.

export const MAX_LOCKFILE_BYTES = 64 * 1024 * 1024;

export function tooLargeMessage(bytes: number, maxBytes = MAX_LOCKFILE_BYTES): string {
  const megabytes = (bytes / 1024 / 1024).toFixed(1);
  const cap = maxBytes / 1024 / 1024;
  return `file is ${megabytes} MB, above the ${cap} MB lockfile size cap; not parsed`;
}
