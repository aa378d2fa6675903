// How each ecosystem spells "the same package": names are compared after the ecosystem's own
// normalisation (PEP 503 for PyPI, case-insensitive NuGet and Composer), never before.
import type { Ecosystem } from "../package.ts";

export const ECOSYSTEMS: readonly Ecosystem[] = [
  "npm",
  "PyPI",
  "Go",
  "crates.io",
  "RubyGems",
  "Packagist",
  "NuGet",
  "Maven",
  "Pub",
  "Hex",
];

const BY_LOWER = new Map(ECOSYSTEMS.map((name) => [name.toLowerCase(), name]));

/** The Ecosystem an OSV ecosystem string names ("PyPI", "Maven:…" variants), or undefined. */
export function toEcosystem(osvEcosystem: string): Ecosystem | undefined {
  const base = osvEcosystem.split(":")[0] ?? "";
  return BY_LOWER.get(base.toLowerCase());
}

export function normalizeName(ecosystem: Ecosystem, name: string): string {
  switch (ecosystem) {
    case "PyPI":
      return name.toLowerCase().replace(/[-_.]+/g, "-");
    case "NuGet":
    case "Packagist":
    case "Hex":
      return name.toLowerCase();
    default:
      return name;
  }
}

export function packageKey(ecosystem: Ecosystem, name: string): string {
  return `${ecosystem}\u0000${normalizeName(ecosystem, name)}`;
}
