// Pub (Dart) ordering: Semantic Versioning, except that build metadata counts — pub treats
// 1.0.0+1 as newer than 1.0.0 (Flutter apps bump the build number that way).
import semver from "semver";
import { cachedScheme, compareDigits } from "./scheme.ts";

function parsePub(version: string): semver.SemVer | undefined {
  return semver.parse(version.trim()) ?? undefined;
}

function compareBuild(a: readonly string[], b: readonly string[]): number {
  for (let index = 0; index < Math.max(a.length, b.length); index++) {
    const left = a[index];
    const right = b[index];
    if (left === undefined || right === undefined) return left === undefined ? -1 : 1;
    const numeric = /^\d+$/.test(left) && /^\d+$/.test(right);
    const result = numeric ? compareDigits(left, right) : left < right ? -1 : left > right ? 1 : 0;
    if (result !== 0) return result;
  }
  return 0;
}

export const pubScheme = cachedScheme(
  "Pub",
  parsePub,
  (a, b) => a.compare(b) || compareBuild(a.build, b.build),
);
