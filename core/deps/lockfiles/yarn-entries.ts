// One yarn.lock entry per resolved package, whichever lockfile generation wrote it: the descriptors
// that resolve to it, the real package name and version (through aliases and patches), its line.
import { isRecord, stringAt } from "./json-text.ts";
import type { ParseResultBuilder } from "./result.ts";
import { linesWhere } from "./text-lines.ts";

export interface YarnEntry {
  descriptors: string[];
  name: string;
  version: string;
  /** Descriptors of the packages it depends on, in the same form as `descriptors`. */
  dependencies: string[];
  workspace: boolean;
  /** The workspace at the repository root (`@workspace:.`). */
  isRoot: boolean;
  skipReason?: string;
  line?: number;
}

export function yarnEntries(
  document: Record<string, unknown>,
  content: string,
  berry: boolean,
  result: ParseResultBuilder,
): YarnEntry[] {
  const lines = headerLines(content);
  const entries = new Map<unknown, YarnEntry>();
  for (const [key, value] of Object.entries(document)) {
    if (key === "__metadata") continue;
    if (!isRecord(value)) {
      result.problem(
        `malformed yarn.lock: entry ${JSON.stringify(key)} should hold indented fields (version, resolved, …)`,
        lines.get(splitKey(key)[0]!),
      );
      continue;
    }
    // Classic yarn.lock's parser hands back one shared object per combined key: merge them.
    const seen = entries.get(value);
    const descriptors = splitKey(key);
    if (seen) for (const descriptor of descriptors) seen.descriptors.push(descriptor);
    else entries.set(value, toEntry(descriptors, value, berry, lines.get(descriptors[0]!)));
  }
  return [...entries.values()];
}

function toEntry(
  descriptors: string[],
  value: Record<string, unknown>,
  berry: boolean,
  line: number | undefined,
): YarnEntry {
  const version = stringAt(value, "version") ?? "";
  const resolution = stringAt(value, "resolution");
  const name = resolution ? nameOfResolution(resolution) : realName(descriptors[0]!);
  const dependencies = ["dependencies", "optionalDependencies"].flatMap((field) => {
    const table = value[field];
    return isRecord(table)
      ? Object.entries(table).map(([name, range]) => `${name}@${String(range)}`)
      : [];
  });
  const isRoot = resolution?.endsWith("@workspace:.") ?? false;
  const entry: YarnEntry = {
    descriptors,
    name,
    version,
    dependencies,
    workspace: false,
    isRoot,
    line,
  };
  const protocol = resolution ? protocolOf(resolution) : "npm:";
  if (protocol === "workspace:") entry.workspace = true;
  else if (berry && value.linkType === "soft") entry.skipReason = `local ${protocol} package`;
  else if (!/^\d/.test(version))
    entry.skipReason = `no registry version (${JSON.stringify(version)})`;
  return entry;
}

/** The name an aliased entry is installed under (`foo@npm:bar@^1` → foo), unless also asked for by its own. */
export function aliasOf(entry: YarnEntry): string | undefined {
  let alias: string | undefined;
  for (const descriptor of entry.descriptors) {
    const installedAs = descriptor.slice(0, descriptor.indexOf("@", 1));
    if (installedAs === entry.name) return undefined;
    alias ??= installedAs;
  }
  return alias;
}

/** `"a@^1, a@^1.2"` (berry) or `a@^1` (classic, already split) → descriptors. */
function splitKey(key: string): string[] {
  return key.split(/\s*,\s*/).map((part) => part.replace(/^"|"$/g, ""));
}

/** Classic aliases: `alias@npm:real@^1` installs `real`. */
function realName(descriptor: string): string {
  const at = descriptor.indexOf("@", 1);
  const range = descriptor.slice(at + 1);
  if (range.startsWith("npm:") && range.lastIndexOf("@") > 4)
    return range.slice(4, range.lastIndexOf("@"));
  return descriptor.slice(0, at);
}

/** `resolve@patch:resolve@npm%3A1.22.8#~/.yarn/patches/…` → resolve; `@a/b@npm:1.0.0` → @a/b. */
function nameOfResolution(resolution: string): string {
  return resolution.slice(0, resolution.indexOf("@", 1));
}

function protocolOf(resolution: string): string {
  const rest = resolution.slice(resolution.indexOf("@", 1) + 1);
  const colon = rest.indexOf(":");
  return colon === -1 ? "npm:" : rest.slice(0, colon + 1);
}

/** Line of every descriptor from the unindented header lines (`"a@^1", a@^2:`). */
function headerLines(content: string): Map<string, number> {
  const found = new Map<string, number>();
  const texts = content.split("\n");
  for (const line of linesWhere(
    content,
    (text) => /^[^\s#]/.test(text) && text.trimEnd().endsWith(":"),
  )) {
    const header = texts[line - 1]!.trimEnd().slice(0, -1);
    for (const descriptor of splitKey(header)) found.set(descriptor, line);
  }
  return found;
}
