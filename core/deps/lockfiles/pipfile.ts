// Pipfile.lock (pipenv): "default" holds run-time packages and "develop" development ones, each
// pinned as "==1.2.3". Direct packages are the ones the Pipfile beside it names.
import type { LockfileParser, ParseContext } from "../package.ts";
import { isRecord, JsonKeyCursor, parseJsonText, stringAt } from "./json-text.ts";
import { basename, pep503 } from "./names.ts";
import { declaredPythonNames } from "./python-manifest.ts";
import { ParseResultBuilder } from "./result.ts";

const SECTIONS = [
  ["default", "prod"],
  ["develop", "dev"],
] as const;

export const pipfileLockParser: LockfileParser = {
  format: "Pipfile.lock",
  matches: (path) => basename(path) === "Pipfile.lock",
  parse(path, content, context?: ParseContext) {
    const result = new ParseResultBuilder(path, "PyPI");
    const parsed = parseJsonText(path, content);
    if (!parsed.ok) return result.problem(parsed.problem.message, parsed.problem.line).build();
    const lock = parsed.value;
    if (!isRecord(lock) || !isRecord(lock._meta))
      return result
        .problem('expected a Pipfile.lock object with "_meta", "default" and "develop"', 1)
        .build();
    const declared = declaredPythonNames(context?.readRelative);
    const cursor = new JsonKeyCursor(content);
    cursor.next("_meta");
    const inDefault = new Map<string, string>();
    for (const [section, scope] of SECTIONS) {
      const entries = lock[section];
      if (!isRecord(entries)) continue;
      cursor.next(section);
      for (const [rawName, entry] of Object.entries(entries)) {
        const line = cursor.next(rawName);
        const name = pep503(rawName);
        const pinned = /^===?(.+)$/.exec(stringAt(entry, "version") ?? "");
        if (!pinned) {
          result.skip(name, "no pinned version (VCS, path or editable entry)", line);
          continue;
        }
        // Packages needed at run time are listed in both sections; one prod entry is enough,
        // unless development pins another version (pipenv resolves the sections apart).
        if (scope === "dev" && inDefault.get(name) === pinned[1]) continue;
        if (scope === "prod") inDefault.set(name, pinned[1]!);
        const direct = declared ? declared.prod.has(name) || declared.dev.has(name) : false;
        result.add({ name, version: pinned[1]!, scope, direct, line });
      }
    }
    return result.build();
  },
};
