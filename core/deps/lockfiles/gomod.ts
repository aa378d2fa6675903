// go.mod: `require` lines and blocks give module versions (`// indirect` marks transitive ones);
// `replace` swaps a module for another version or drops it for a local directory. go.sum lists
// every module version ever considered, so it is not a source of installed versions and is ignored.
// A `toolchain` line names the exact Go release that builds the module: its standard library is
// listed as the OSV package "stdlib" (the `go` line is only a minimum, so it is not used).
import type { LockfileParser } from "../package.ts";
import { basename } from "./names.ts";
import { ParseResultBuilder } from "./result.ts";

interface Requirement {
  path: string;
  version: string;
  indirect: boolean;
  line: number;
}

type Replacement = { path: string; version: string } | { local: string };

interface GoMod {
  requirements: Requirement[];
  replacements: Map<string, Replacement>;
  toolchain?: { version: string; line: number };
}

export const goModParser: LockfileParser = {
  format: "go.mod",
  matches: (path) => basename(path) === "go.mod",
  parse(path, content) {
    const result = new ParseResultBuilder(path, "Go");
    const mod: GoMod = { requirements: [], replacements: new Map() };
    let block: string | undefined;
    content.split(/\r?\n/).forEach((raw, index) => {
      const line = index + 1;
      const [code, comment] = splitComment(raw);
      if (block && code === ")") block = undefined;
      else if (block) directive(mod, block, code, comment, line, result);
      else {
        const opening = /^(\w+)\s*\($/.exec(code);
        if (opening) block = opening[1];
        else {
          const [verb, ...rest] = code.split(/\s+/);
          if (verb) directive(mod, verb, rest.join(" "), comment, line, result);
        }
      }
    });
    if (block)
      result.problem(`"${block} (" block is never closed: the file ends early (truncated?)`);
    for (const requirement of mod.requirements)
      addRequirement(requirement, mod.replacements, result);
    if (mod.toolchain)
      result.add({ name: "stdlib", scope: "prod", direct: true, ...mod.toolchain });
    return result.build();
  },
};

function splitComment(raw: string): [string, string] {
  const at = raw.indexOf("//");
  return at === -1 ? [raw.trim(), ""] : [raw.slice(0, at).trim(), raw.slice(at + 2).trim()];
}

function directive(
  mod: GoMod,
  verb: string,
  args: string,
  comment: string,
  line: number,
  result: ParseResultBuilder,
): void {
  if (args === "") return;
  const toolchain = /^go(\d+\.\d+(?:\.\d+)?)/.exec(args);
  if (verb === "toolchain" && toolchain) mod.toolchain = { version: toolchain[1]!, line };
  if (verb === "require") {
    const [path, version] = args.split(/\s+/).map(unquote);
    if (!path || !version)
      return void result.problem(`require needs a module path and a version: "${args}"`, line);
    mod.requirements.push({ path, version, indirect: /(^|;\s*)indirect\b/.test(comment), line });
  } else if (verb === "replace") {
    const replacement = parseReplace(args);
    if (!replacement)
      return void result.problem(`replace needs "old [version] => new [version]": "${args}"`, line);
    mod.replacements.set(replacement.key, replacement.to);
  }
}

function parseReplace(args: string): { key: string; to: Replacement } | undefined {
  const [left, right] = args.split("=>").map((side) => side.trim().split(/\s+/).map(unquote));
  if (!left?.[0] || !right?.[0]) return undefined;
  const key = left[1] ? `${left[0]}@${left[1]}` : left[0];
  // A replacement without a version is a directory on disk (./fork, ../lib, /abs/path).
  const to: Replacement = right[1] ? { path: right[0], version: right[1] } : { local: right[0] };
  return { key, to };
}

function addRequirement(
  requirement: Requirement,
  replacements: Map<string, Replacement>,
  result: ParseResultBuilder,
): void {
  const replaced =
    replacements.get(`${requirement.path}@${requirement.version}`) ??
    replacements.get(requirement.path);
  const { line } = requirement;
  if (replaced && "local" in replaced) {
    result.skip(requirement.path, `replaced by local directory ${replaced.local}`, line);
    return;
  }
  const path = replaced?.path ?? requirement.path;
  const version = goVersion(replaced?.version ?? requirement.version);
  result.add({ name: path, version, scope: "prod", direct: !requirement.indirect, line });
}

/** OSV's Go ranges drop the leading "v" ("v1.2.3" → "1.2.3"), keeping "+incompatible". */
function goVersion(version: string): string {
  return version.replace(/^v/, "");
}

function unquote(text: string): string {
  return text.replace(/^["`](.*)["`]$/, "$1");
}
