// One version ordering per ecosystem behind one interface, so range matching never needs to know
// which ecosystem it is comparing in.

export interface VersionScheme {
  /** Name for messages, e.g. "PEP 440". */
  name: string;
  /** Whether the text is a version this scheme can order. */
  isValid(version: string): boolean;
  /** Negative when a < b, zero when equal, positive when a > b; both must be valid. */
  compare(a: string, b: string): number;
}

/** Wraps a parse + compare pair with a cache, since a scan compares the same versions often. */
export function cachedScheme<T>(
  name: string,
  parse: (version: string) => T | undefined,
  compareParsed: (a: T, b: T) => number,
): VersionScheme {
  const cache = new Map<string, T | null>();
  const get = (version: string): T | undefined => {
    let parsed = cache.get(version);
    if (parsed === undefined) {
      parsed = parse(version) ?? null;
      if (cache.size > 50_000) cache.clear();
      cache.set(version, parsed);
    }
    return parsed ?? undefined;
  };
  return {
    name,
    isValid: (version) => get(version) !== undefined,
    compare(a, b) {
      const left = get(a);
      const right = get(b);
      if (left === undefined || right === undefined) {
        throw new Error(`${name}: cannot compare invalid version ${left === undefined ? a : b}`);
      }
      return compareParsed(left, right);
    },
  };
}

/** Numeric-aware comparison of two digit strings of any length. */
export function compareDigits(a: string, b: string): number {
  const left = a.replace(/^0+(?=\d)/, "");
  const right = b.replace(/^0+(?=\d)/, "");
  if (left.length !== right.length) return left.length - right.length;
  return left < right ? -1 : left > right ? 1 : 0;
}
