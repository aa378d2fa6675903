// Semantic Versioning 2.0 ordering (npm, crates.io, Go modules, Hex) via the `semver` package.
// Go writes a leading "v" and pseudo-versions, both of which are valid semver once the "v" is gone.
import semver from "semver";
import { cachedScheme } from "./scheme.ts";

function parseSemver(version: string): semver.SemVer | undefined {
  const text = version.trim().replace(/^v(?=\d)/, "");
  return semver.parse(text, { loose: true }) ?? undefined;
}

export const semverScheme = cachedScheme("SemVer", parseSemver, (a, b) => a.compare(b));
