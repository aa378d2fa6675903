// NuGet packages.lock.json (RestorePackagesWithLockFile): per target framework, each package is
// "Direct", "Transitive", "CentralTransitive" or "Project" (another project in the solution).
import type { LockfileParser } from "../package.ts";
import { isRecord, JsonKeyCursor, parseJsonText, stringAt } from "./json-text.ts";
import { basename } from "./names.ts";
import { ParseResultBuilder } from "./result.ts";

export const nugetLockParser: LockfileParser = {
  format: "NuGet packages.lock.json",
  matches: (path) => basename(path) === "packages.lock.json",
  parse(path, content) {
    const result = new ParseResultBuilder(path, "NuGet");
    const parsed = parseJsonText(path, content);
    if (!parsed.ok) return result.problem(parsed.problem.message, parsed.problem.line).build();
    const lock = parsed.value;
    if (!isRecord(lock) || !isRecord(lock.dependencies))
      return result.problem('expected a packages.lock.json object with "dependencies"', 1).build();
    if (lock.version !== 1 && lock.version !== 2)
      return result
        .problem(
          `unknown packages.lock.json version ${JSON.stringify(lock.version)} (supported: 1, 2)`,
          1,
        )
        .build();
    const cursor = new JsonKeyCursor(content);
    cursor.next("dependencies");
    // Each target framework repeats its packages: list each name and version once.
    const seen = new Set<string>();
    for (const [framework, packages] of Object.entries(lock.dependencies)) {
      cursor.next(framework);
      if (!isRecord(packages)) continue;
      for (const [name, entry] of Object.entries(packages)) {
        const line = cursor.next(name);
        const type = stringAt(entry, "type");
        const version = stringAt(entry, "resolved");
        if (type === "Project" || !version) continue;
        const key = `${name.toLowerCase()}@${version}`;
        if (seen.has(key)) continue;
        seen.add(key);
        result.add({ name, version, scope: "prod", direct: type === "Direct", line });
      }
    }
    return result.build();
  },
};
