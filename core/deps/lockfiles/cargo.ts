// Cargo.lock (versions 1–4). Packages without a `source` are the workspace's own crates; their
// dependencies are the direct ones. Cargo.lock does not separate dev-dependencies, so all are prod.
import type { LockfileParser } from "../package.ts";
import { isRecord, stringAt } from "./json-text.ts";
import { basename } from "./names.ts";
import { ParseResultBuilder } from "./result.ts";
import { packageIdentity, parseTomlText, tableArrayLines } from "./toml-text.ts";

export const cargoLockParser: LockfileParser = {
  format: "Cargo.lock",
  matches: (path) => basename(path) === "Cargo.lock",
  parse(path, content) {
    const result = new ParseResultBuilder(path, "crates.io");
    const lock = parseTomlText(content, result);
    if (!lock) return result.build();
    if (lock.version !== undefined && ![1, 2, 3, 4].includes(Number(lock.version)))
      return result
        .problem(`unknown Cargo.lock version ${JSON.stringify(lock.version)} (supported: 1-4)`, 1)
        .build();
    const packages = Array.isArray(lock.package) ? lock.package.filter(isRecord) : [];
    const lines = tableArrayLines(content, "package");
    const local = packages.filter((entry) => stringAt(entry, "source") === undefined);
    // Dependencies are written "name", "name version" or "name version (source)".
    const direct = new Set(local.flatMap((entry) => dependencyNames(entry)));
    for (const [index, entry] of packages.entries()) {
      const source = stringAt(entry, "source");
      if (source === undefined) continue;
      const line = lines[index];
      const identity = packageIdentity(entry, line, result);
      if (!identity) continue;
      const { name, version } = identity;
      if (!/^(registry|sparse)\+/.test(source)) {
        result.skip(name, "not from a crate registry (git or path dependency)", line);
        continue;
      }
      const isDirect = direct.has(name) || direct.has(`${name} ${version}`);
      result.add({ name, version, scope: "prod", direct: isDirect, line });
    }
    return result.build();
  },
};

function dependencyNames(entry: Record<string, unknown>): string[] {
  const dependencies = Array.isArray(entry.dependencies) ? entry.dependencies : [];
  return dependencies
    .filter((dependency) => typeof dependency === "string")
    .map((dependency) => dependency.split(" (")[0]!);
}
