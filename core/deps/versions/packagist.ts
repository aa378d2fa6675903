// Composer (Packagist) ordering, which follows PHP's version_compare after Composer's normalisation:
// dev < alpha < beta < RC < release < patch ("pl"/"p"), a "v" prefix ignored.
import { cachedScheme, compareDigits } from "./scheme.ts";

const SPECIAL: Record<string, number> = {
  dev: 0,
  alpha: 1,
  a: 1,
  beta: 2,
  b: 2,
  rc: 3,
  "#": 4,
  pl: 5,
  p: 5,
  patch: 5,
};

function parseComposer(version: string): string[] | undefined {
  const text = version
    .trim()
    .toLowerCase()
    .replace(/^v(?=\d)/, "");
  if (!/^\d/.test(text) || /[^a-z0-9.\-_+]/.test(text)) return undefined;
  const canonical = text
    .replace(/[-_+]/g, ".")
    .replace(/(\d)(?=[a-z])|([a-z])(?=\d)/g, "$1$2.")
    .split(".")
    .filter((part) => part !== "");
  return canonical;
}

/** Rank of a non-numeric part; unknown words sort below "dev", as in PHP. */
function rank(part: string): number {
  return SPECIAL[part] ?? -1;
}

function comparePart(a: string, b: string): number {
  const [aNumber, bNumber] = [/^\d+$/.test(a), /^\d+$/.test(b)];
  if (aNumber && bNumber) return compareDigits(a, b);
  return Math.sign(rank(aNumber ? "#" : a) - rank(bNumber ? "#" : b));
}

function compareComposer(a: string[], b: string[]): number {
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index++) {
    const result = comparePart(a[index] as string, b[index] as string);
    if (result !== 0) return result;
  }
  if (a.length === b.length) return 0;
  // The longer version wins when it goes on with a number; a suffix word compares against "#".
  const [longer, sign] = a.length > b.length ? [a, 1] : [b, -1];
  const next = longer[length] as string;
  return sign * (/^\d+$/.test(next) ? 1 : comparePart(next, "#"));
}

export const packagistScheme = cachedScheme("Composer", parseComposer, compareComposer);
