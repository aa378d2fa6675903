// PEP 440 ordering for PyPI: epochs, release segments, pre-releases (a/b/rc and their spellings),
// post-releases (including the implicit "-N" form), dev releases and local versions.
import { cachedScheme } from "./scheme.ts";

interface Pep440 {
  epoch: number;
  release: number[];
  pre?: [number, number];
  post?: number;
  dev?: number;
  local?: (string | number)[];
}

const PATTERN =
  /^v?(?:(\d+)!)?(\d+(?:\.\d+)*)(?:[-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?(\d*))?(?:-(\d+)|[-_.]?(post|rev|r)[-_.]?(\d*))?(?:[-_.]?(dev)[-_.]?(\d*))?(?:\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?$/;

const PRE_RANK: Record<string, number> = {
  a: 0,
  alpha: 0,
  b: 1,
  beta: 1,
  c: 2,
  rc: 2,
  pre: 2,
  preview: 2,
};

function parsePep440(version: string): Pep440 | undefined {
  const match = PATTERN.exec(version.trim().toLowerCase());
  if (!match) return undefined;
  const [
    ,
    epoch,
    release,
    preLabel,
    preNumber,
    implicitPost,
    postLabel,
    postNumber,
    dev,
    devNumber,
    local,
  ] = match;
  const parsed: Pep440 = {
    epoch: epoch ? Number(epoch) : 0,
    release: (release as string).split(".").map(Number),
  };
  if (preLabel) parsed.pre = [PRE_RANK[preLabel] as number, Number(preNumber || 0)];
  if (implicitPost !== undefined) parsed.post = Number(implicitPost);
  else if (postLabel) parsed.post = Number(postNumber || 0);
  if (dev) parsed.dev = Number(devNumber || 0);
  if (local)
    parsed.local = local.split(/[-_.]/).map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  return parsed;
}

function compareRelease(a: number[], b: number[]): number {
  // Trailing zeros do not count: 1.0 == 1.0.0.
  const length = Math.max(a.length, b.length);
  for (let index = 0; index < length; index++) {
    const diff = (a[index] ?? 0) - (b[index] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** The pre-release key: a dev release of a final version sorts before its pre-releases. */
function preKey(version: Pep440): [number, number] {
  if (version.pre) return version.pre;
  if (version.post === undefined && version.dev !== undefined) return [-1, 0];
  return [3, 0];
}

function compareLocal(
  a: (string | number)[] | undefined,
  b: (string | number)[] | undefined,
): number {
  if (!a || !b) return (a ? 1 : 0) - (b ? 1 : 0);
  for (let index = 0; index < Math.max(a.length, b.length); index++) {
    const left = a[index];
    const right = b[index];
    if (left === undefined || right === undefined) return left === undefined ? -1 : 1;
    if (typeof left !== typeof right) return typeof left === "number" ? 1 : -1;
    if (left !== right) {
      if (typeof left === "number") return left - (right as number);
      return left < right ? -1 : 1;
    }
  }
  return 0;
}

function comparePep440(a: Pep440, b: Pep440): number {
  const [aPre, bPre] = [preKey(a), preKey(b)];
  return (
    a.epoch - b.epoch ||
    compareRelease(a.release, b.release) ||
    aPre[0] - bPre[0] ||
    aPre[1] - bPre[1] ||
    (a.post ?? -1) - (b.post ?? -1) ||
    (a.dev ?? Number.POSITIVE_INFINITY) - (b.dev ?? Number.POSITIVE_INFINITY) ||
    compareLocal(a.local, b.local)
  );
}

export const pep440Scheme = cachedScheme("PEP 440", parsePep440, (a, b) => {
  const result = comparePep440(a, b);
  return Number.isNaN(result) ? 0 : result;
});
