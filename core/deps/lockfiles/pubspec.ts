// pubspec.lock (Dart and Flutter): each package says whether it is "direct main", "direct dev",
// "direct overridden" or "transitive", and where it comes from (hosted, git, path, sdk).
import type { LockfileParser } from "../package.ts";
import { isRecord, stringAt } from "./json-text.ts";
import { basename } from "./names.ts";
import { ParseResultBuilder } from "./result.ts";
import { documentData, keyLines, parseYamlText } from "./yaml-text.ts";

export const pubspecLockParser: LockfileParser = {
  format: "pubspec.lock",
  matches: (path) => basename(path) === "pubspec.lock",
  parse(path, content) {
    const result = new ParseResultBuilder(path, "Pub");
    const yaml = parseYamlText(content, result);
    const document = yaml?.documents[0];
    if (!yaml || !document) return result.build();
    const data = documentData(document, result);
    if (!data.ok) return result.build();
    const lock = data.value;
    if (!isRecord(lock) || !isRecord(lock.packages))
      return result.problem('expected a pubspec.lock mapping with "packages"', 1).build();
    const lines = keyLines(document, ["packages"], yaml.lines);
    for (const [name, entry] of Object.entries(lock.packages)) {
      const line = lines.get(name);
      const source = stringAt(entry, "source");
      const version = stringAt(entry, "version") ?? "";
      if (source !== "hosted") {
        result.skip(name, `not from a package repository (${source ?? "unknown"} source)`, line);
        continue;
      }
      const dependency = stringAt(entry, "dependency") ?? "transitive";
      const scope = dependency === "direct dev" ? "dev" : "prod";
      result.add({ name, version, scope, direct: dependency.startsWith("direct"), line });
    }
    return result.build();
  },
};
