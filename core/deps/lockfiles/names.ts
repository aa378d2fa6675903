// Package names as OSV records spell them, so matching is a plain string comparison.

/** PEP 503: lowercase, runs of `-`, `_` and `.` become one `-`. */
export function pep503(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, "-");
}

/** The last path segment, e.g. for matching a lockfile by its basename. */
export function basename(path: string): string {
  const slash = Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\"));
  return path.slice(slash + 1);
}
