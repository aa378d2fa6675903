// NuGet ordering: up to four numeric parts (missing ones are 0), then SemVer 2 pre-release labels
// compared case-insensitively; build metadata ignored.
import { cachedScheme, compareDigits } from "./scheme.ts";

interface NuGetVersion {
  release: string[];
  pre: string[];
}

function parseNuGet(version: string): NuGetVersion | undefined {
  const match = /^v?(\d+(?:\.\d+){0,3})(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(
    version.trim(),
  );
  if (!match) return undefined;
  const release = (match[1] as string).split(".");
  while (release.length < 4) release.push("0");
  return { release, pre: match[2] ? match[2].toLowerCase().split(".") : [] };
}

function comparePre(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return b.length - a.length;
  for (let index = 0; index < Math.max(a.length, b.length); index++) {
    const left = a[index];
    const right = b[index];
    if (left === undefined || right === undefined) return left === undefined ? -1 : 1;
    const [leftNumber, rightNumber] = [/^\d+$/.test(left), /^\d+$/.test(right)];
    if (leftNumber && rightNumber) {
      const result = compareDigits(left, right);
      if (result !== 0) return result;
    } else if (leftNumber !== rightNumber) return leftNumber ? -1 : 1;
    else if (left !== right) return left < right ? -1 : 1;
  }
  return 0;
}

function compareNuGet(a: NuGetVersion, b: NuGetVersion): number {
  for (let index = 0; index < 4; index++) {
    const result = compareDigits(a.release[index] as string, b.release[index] as string);
    if (result !== 0) return result;
  }
  return comparePre(a.pre, b.pre);
}

export const nugetScheme = cachedScheme("NuGet", parseNuGet, compareNuGet);
