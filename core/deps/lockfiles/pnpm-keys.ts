// pnpm package keys and importer references across lockfile generations:
//   v5: "/@scope/name/1.2.3_peer@1.0.0"   v6: "/@scope/name@1.2.3(peer@1.0.0)"   v9: "@scope/name@1.2.3(peer@1.0.0)"

export type PnpmGeneration = 5 | 6 | 9;

export interface PnpmPackageId {
  name: string;
  version: string;
}

/** Name and version of a `packages`/`snapshots` key, peer suffix dropped; undefined when not a registry key. */
export function parsePackageKey(
  key: string,
  generation: PnpmGeneration,
): PnpmPackageId | undefined {
  if (generation === 5) return parseV5Key(key);
  const bare = generation === 6 ? key.replace(/^\//, "") : key;
  const base = bare.split("(")[0]!;
  // The first "@" after a scope's: a git or tarball reference may hold more ("git@github.com").
  const at = base.indexOf("@", 1);
  if (at <= 0) return undefined;
  return { name: base.slice(0, at), version: base.slice(at + 1) };
}

function parseV5Key(key: string): PnpmPackageId | undefined {
  if (!key.startsWith("/")) return undefined;
  const segments = key.slice(1).split("/");
  const scoped = segments[0]!.startsWith("@");
  const name = scoped ? `${segments[0]}/${segments[1]}` : segments[0]!;
  const version = segments[scoped ? 2 : 1]?.split("_")[0];
  return version ? { name, version } : undefined;
}

/** The `packages` key an importer or snapshot dependency refers to; undefined for links and files. */
export function referencedKey(
  name: string,
  reference: string,
  generation: PnpmGeneration,
): string | undefined {
  if (/^(link|file|workspace):/.test(reference)) return undefined;
  // An alias refers to another package by its own key ("/real/1.0.0", "/real@1.0.0", "real@1.0.0").
  const beforePeers = reference.split("(")[0]!;
  const isAlias = generation === 5 ? reference.startsWith("/") : beforePeers.slice(1).includes("@");
  if (generation === 5) return isAlias ? reference : `/${name}/${reference}`;
  if (generation === 6) return isAlias ? reference : `/${name}@${reference}`;
  return isAlias ? reference : `${name}@${reference}`;
}

/** v9 `snapshots` keys carry peer suffixes that its `packages` keys do not. */
export function withoutPeers(key: string): string {
  const open = key.indexOf("(");
  return open === -1 ? key : key.slice(0, open);
}
