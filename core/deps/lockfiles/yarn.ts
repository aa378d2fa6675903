// yarn.lock, classic (v1) and berry (v2+, recognised by its __metadata entry), read with
// @yarnpkg/parsers. Neither records dev or direct, so both come from package.json and the graph.
import { parseSyml } from "@yarnpkg/parsers";
import type { LockfileParser, ParseContext } from "../package.ts";
import { isRecord } from "./json-text.ts";
import { basename } from "./names.ts";
import { declaredDependencies, readPackageJson } from "./npm-manifest.ts";
import { ParseResultBuilder } from "./result.ts";
import { scopesByReachability } from "./scope-graph.ts";
import { aliasOf, type YarnEntry, yarnEntries } from "./yarn-entries.ts";

export const yarnLockParser: LockfileParser = {
  format: "yarn.lock",
  matches: (path) => basename(path) === "yarn.lock",
  parse(path, content, context?: ParseContext) {
    const result = new ParseResultBuilder(path, "npm");
    let document: unknown;
    try {
      document = parseSyml(content);
    } catch (error) {
      return result.problem(...symlProblem(error as Error)).build();
    }
    if (!isRecord(document)) return result.problem("expected yarn.lock entries", 1).build();
    const berry = isRecord(document.__metadata);
    const entries = yarnEntries(document, content, berry, result);
    addPackages(entries, readPackageJson(context?.readRelative), result);
    return result.build();
  },
};

function symlProblem(error: Error): [string, number | undefined] {
  // The YAML reader puts "(line:column)" in its message; the classic reader (a PEG parser) has a location.
  const position = /\((\d+):(\d+)\)/.exec(error.message);
  const location = (error as { location?: { start?: { line?: number } } }).location;
  const summary = error.message.split("\n")[0]!.replace(/\s*\(\d+:\d+\)$/, "");
  return [
    `malformed yarn.lock: ${summary}`,
    position ? Number(position[1]) : location?.start?.line,
  ];
}

function addPackages(entries: YarnEntry[], manifest: unknown, result: ParseResultBuilder): void {
  const byDescriptor = new Map<string, YarnEntry>();
  for (const entry of entries)
    for (const descriptor of entry.descriptors) byDescriptor.set(descriptor, entry);
  const declared = declaredDependencies(manifest);
  const resolve = (ranges: Map<string, string>) => declaredEntries(ranges, byDescriptor, entries);
  // The root workspace lists dev and prod dependencies alike; package.json tells them apart.
  const workspaces = entries.filter((entry) => entry.workspace);
  const members = manifest === undefined ? workspaces : workspaces.filter((entry) => !entry.isRoot);
  const prodRoots = [...members, ...resolve(declared.prod)];
  const devRoots = resolve(declared.dev);
  const edges = (entry: YarnEntry) =>
    entry.dependencies
      .map((descriptor) => byDescriptor.get(descriptor))
      .filter((next) => next !== undefined);
  const scopes = scopesByReachability(prodRoots, devRoots, edges);
  const direct = new Set([...workspaces.flatMap(edges), ...prodRoots, ...devRoots]);
  for (const entry of entries) {
    if (entry.workspace) continue;
    if (entry.skipReason) {
      result.skip(entry.name, entry.skipReason, entry.line);
      continue;
    }
    const { name, version, line } = entry;
    result.add({
      name,
      version,
      scope: scopes.get(entry) ?? "prod",
      direct: direct.has(entry),
      line,
      alias: aliasOf(entry),
    });
  }
}

/** Entries package.json's ranges resolve to: `a@^1` (classic) or `a@npm:^1` (berry). */
function declaredEntries(
  ranges: Map<string, string>,
  byDescriptor: Map<string, YarnEntry>,
  entries: YarnEntry[],
): YarnEntry[] {
  const found: YarnEntry[] = [];
  for (const [name, range] of ranges) {
    const entry =
      byDescriptor.get(`${name}@${range}`) ??
      byDescriptor.get(`${name}@npm:${range}`) ??
      entries.find(
        (candidate) =>
          !candidate.workspace && candidate.descriptors.some((d) => nameOfDescriptor(d) === name),
      );
    if (entry) found.push(entry);
  }
  return found;
}

/** "lodash@^4.17.21" → "lodash"; "@babel/core@npm:^7.0.0" → "@babel/core". */
export function nameOfDescriptor(descriptor: string): string {
  const at = descriptor.indexOf("@", 1);
  return at === -1 ? descriptor : descriptor.slice(0, at);
}
