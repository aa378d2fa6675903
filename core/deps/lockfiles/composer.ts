// composer.lock: "packages" are installed in production, "packages-dev" only for development.
// Direct packages are the ones composer.json requires.
import type { LockfileParser, ParseContext } from "../package.ts";
import { isRecord, linesOfStringField, parseJsonText, stringAt } from "./json-text.ts";
import { basename } from "./names.ts";
import { ParseResultBuilder } from "./result.ts";

const SECTIONS = [
  ["packages", "prod"],
  ["packages-dev", "dev"],
] as const;

export const composerLockParser: LockfileParser = {
  format: "composer.lock",
  matches: (path) => basename(path) === "composer.lock",
  parse(path, content, context?: ParseContext) {
    const result = new ParseResultBuilder(path, "Packagist");
    const parsed = parseJsonText(path, content);
    if (!parsed.ok) return result.problem(parsed.problem.message, parsed.problem.line).build();
    const lock = parsed.value;
    if (!isRecord(lock) || !Array.isArray(lock.packages))
      return result.problem('expected a composer.lock object with a "packages" list', 1).build();
    const declared = requiredNames(context?.readRelative("composer.json"));
    const lines = linesOfStringField(content, "name");
    for (const [section, scope] of SECTIONS) {
      const packages = Array.isArray(lock[section]) ? lock[section] : [];
      for (const entry of packages.filter(isRecord)) {
        const name = stringAt(entry, "name") ?? "";
        const version = (stringAt(entry, "version") ?? "").replace(/^v(?=\d)/, "");
        const line = lines.get(name);
        // "dev-main" and "1.0.x-dev" are branches, not releases an advisory range can place.
        if (!/^\d/.test(version) || /(^|[.-])(x|dev)([.-]|$)/.test(version)) {
          result.skip(name, `a development branch (${version}), not a released version`, line);
          continue;
        }
        const direct = declared?.has(name.toLowerCase()) ?? false;
        result.add({ name, version, scope, direct, line });
      }
    }
    return result.build();
  },
};

function requiredNames(text: string | undefined): Set<string> | undefined {
  if (text === undefined) return undefined;
  try {
    const manifest = JSON.parse(text) as unknown;
    const names = ["require", "require-dev"].flatMap((field) => {
      const table = isRecord(manifest) ? manifest[field] : undefined;
      return isRecord(table) ? Object.keys(table) : [];
    });
    return new Set(names.map((name) => name.toLowerCase()));
  } catch {
    return undefined;
  }
}
