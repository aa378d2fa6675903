// RubyGems' Gem::Version ordering: segments split on "." and digit/letter changes; any letter
// segment makes a pre-release, which sorts before the release ("1.0.a" < "1.0").
import { cachedScheme, compareDigits } from "./scheme.ts";

function parseGem(version: string): string[] | undefined {
  const text = version.trim().replace(/-/g, ".pre.");
  if (!/^[0-9]+(\.[0-9a-zA-Z]+)*$/.test(text)) return undefined;
  const segments = text.match(/[0-9]+|[a-zA-Z]+/g) ?? [];
  // Trailing zeros before any letter do not count: 1.0 == 1.
  while (segments.length > 1 && /^0+$/.test(segments[segments.length - 1] as string))
    segments.pop();
  return segments;
}

function compareGem(a: string[], b: string[]): number {
  for (let index = 0; index < Math.max(a.length, b.length); index++) {
    const left = a[index] ?? "0";
    const right = b[index] ?? "0";
    if (left === right) continue;
    const [leftNumber, rightNumber] = [/^\d/.test(left), /^\d/.test(right)];
    if (leftNumber && rightNumber) {
      const result = compareDigits(left, right);
      if (result !== 0) return result;
    } else if (leftNumber !== rightNumber) {
      return leftNumber ? 1 : -1;
    } else {
      return left < right ? -1 : 1;
    }
  }
  return 0;
}

export const rubyGemsScheme = cachedScheme("RubyGems", parseGem, compareGem);
