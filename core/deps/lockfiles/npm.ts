// npm package-lock.json and npm-shrinkwrap.json, lockfileVersion 1, 2 and 3.
// v2/v3 list every installed folder under "packages"; v1 nests a "dependencies" tree.
import type { LockfileParser, ParseContext } from "../package.ts";
import { isRecord, JsonKeyCursor, parseJsonText } from "./json-text.ts";
import { basename } from "./names.ts";
import { parseNpmPackages } from "./npm-packages.ts";
import { parseNpmV1 } from "./npm-v1.ts";
import { ParseResultBuilder } from "./result.ts";
import { LineIndex } from "./text-lines.ts";

export const npmLockParser: LockfileParser = {
  format: "npm package-lock.json",
  matches: (path) => ["package-lock.json", "npm-shrinkwrap.json"].includes(basename(path)),
  parse(path, content, context?: ParseContext) {
    const result = new ParseResultBuilder(path, "npm");
    const parsed = parseJsonText(path, content);
    if (!parsed.ok) return result.problem(parsed.problem.message, parsed.problem.line).build();
    const lock = parsed.value;
    if (!isRecord(lock))
      return result.problem("expected a JSON object at the top level", 1).build();
    const version = lock.lockfileVersion;
    const cursor = new JsonKeyCursor(content, new LineIndex(content));
    if ((version === 2 || version === 3) && isRecord(lock.packages))
      parseNpmPackages(lock.packages, cursor, result);
    else if (version === 1 || (version === 2 && isRecord(lock.dependencies)))
      parseNpmV1(lock, cursor, result, context);
    else result.problem(unknownVersion(version), lineOf(content, "lockfileVersion"));
    return result.build();
  },
};

function unknownVersion(version: unknown): string {
  if (version === undefined)
    return 'no "lockfileVersion": not an npm lockfile, or written by npm older than 5';
  return `unknown lockfileVersion ${JSON.stringify(version)} (supported: 1, 2, 3)`;
}

function lineOf(content: string, key: string): number | undefined {
  const at = content.indexOf(`"${key}"`);
  return at === -1 ? undefined : new LineIndex(content).lineAt(at);
}
