// pip requirements files (requirements.txt, requirements-dev.txt, requirements/*.txt). Only lines
// pinned to one version (`==`) are scannable; others are reported, never guessed. `-r` includes
// are followed through the parse context, and pip-compile's `# via` notes tell direct from transitive.
import { posix } from "node:path";
import type { LockfileParser, ParseContext } from "../package.ts";
import { basename } from "./names.ts";
import { classifyRequirement } from "./requirements-line.ts";
import { ParseResultBuilder } from "./result.ts";

const MAX_INCLUDE_DEPTH = 10;
const DEV_PATH = /(^|[-_./])(dev|develop|development|test|tests|testing|lint|docs?|ci)([-_./]|$)/i;

interface LogicalLine {
  text: string;
  line: number;
}

interface FileVisit {
  /** Path relative to the scanned root, for locations. */
  path: string;
  /** Path relative to the parsed file's directory, for the context reader. */
  readPath: string;
  dev: boolean;
}

export const requirementsParser: LockfileParser = {
  format: "pip requirements",
  matches: (path) =>
    /^(.*[-_.])?requirements([-_.].*)?\.txt$/i.test(basename(path)) ||
    /(^|\/)requirements\/[^/]+\.txt$/i.test(path),
  parse(path, content, context?: ParseContext) {
    const result = new ParseResultBuilder(path, "PyPI");
    const visit = { path, readPath: basename(path), dev: DEV_PATH.test(path) };
    readFile(visit, content, context, result, new Set([path]), 0);
    return result.build();
  },
};

function readFile(
  visit: FileVisit,
  content: string,
  context: ParseContext | undefined,
  result: ParseResultBuilder,
  seen: Set<string>,
  depth: number,
): void {
  const lines = logicalLines(content);
  const direct = directness(lines);
  for (const { text, line } of lines) {
    if (text.startsWith("#")) continue;
    const parsed = classifyRequirement(text);
    if (parsed.kind === "pinned") {
      const found = { name: parsed.name, version: parsed.version, line };
      result.add(
        { ...found, scope: visit.dev ? "dev" : "prod", direct: direct(line) },
        "PyPI",
        visit.path,
      );
    } else if (parsed.kind === "unpinned")
      result.skip(parsed.name, parsed.reason, line, visit.path);
    else if (parsed.kind === "invalid")
      result.problems.push({ file: visit.path, line, message: parsed.reason });
    else if (parsed.kind === "include") {
      const target = { path: posix.join(posix.dirname(visit.path), parsed.path), line };
      include(visit, target, parsed.path, context, result, seen, depth);
    }
  }
}

function include(
  from: FileVisit,
  target: { path: string; line: number },
  written: string,
  context: ParseContext | undefined,
  result: ParseResultBuilder,
  seen: Set<string>,
  depth: number,
): void {
  if (seen.has(target.path)) return;
  if (!context) {
    result.skip(written, "included file not read (no file access)", target.line, from.path);
    return;
  }
  const readPath = posix.join(posix.dirname(from.readPath), written);
  const tooDeep = depth >= MAX_INCLUDE_DEPTH;
  const text = tooDeep ? undefined : context.readRelative(readPath);
  if (text === undefined) {
    const why = tooDeep
      ? `nested deeper than ${MAX_INCLUDE_DEPTH} includes`
      : "file not found or not readable";
    result.problems.push({ file: from.path, line: target.line, message: `-r ${written}: ${why}` });
    return;
  }
  seen.add(target.path);
  const visit = { path: target.path, readPath, dev: from.dev || DEV_PATH.test(target.path) };
  readFile(visit, text, context, result, seen, depth + 1);
}

/** Joins `\` continuations, drops blank lines and trailing comments; keeps comment lines for `# via`. */
function logicalLines(content: string): LogicalLine[] {
  const logical: LogicalLine[] = [];
  const physical = content.split(/\r?\n/);
  for (let index = 0; index < physical.length; index++) {
    const line = index + 1;
    // Collect the pieces and join once: re-testing a growing joined string made 120k
    // continuation lines take 37 s.
    const pieces = [physical[index]!];
    while (pieces.at(-1)!.endsWith("\\") && index + 1 < physical.length) {
      pieces.push(pieces.pop()!.slice(0, -1));
      pieces.push(physical[++index]!);
    }
    const trimmed = pieces.join(" ").trim();
    if (trimmed.startsWith("#")) logical.push({ text: trimmed, line });
    else {
      const withoutComment = trimmed.replace(/(^|\s)#.*$/, "").trim();
      if (withoutComment) logical.push({ text: withoutComment, line });
    }
  }
  return logical;
}

/**
 * pip-compile writes `# via -r requirements.in` under packages the project asked for and
 * `# via other-package` under the rest. Without such notes every listed package is direct.
 */
function directness(lines: LogicalLine[]): (line: number) => boolean {
  const viaFor = new Map<number, string[]>();
  let owner: number | undefined;
  for (const { text, line } of lines) {
    if (!text.startsWith("#")) owner = line;
    else if (owner !== undefined) {
      const via = /^#\s+(?:via\s*)?(.*)$/.exec(text);
      const isViaBlock = /^#\s+via\b/.test(text) || viaFor.has(owner);
      if (via && isViaBlock) {
        const notes = viaFor.get(owner) ?? [];
        if (via[1]!.trim()) notes.push(via[1]!.trim());
        viaFor.set(owner, notes);
      } else owner = undefined;
    }
  }
  if (viaFor.size === 0) return () => true;
  return (line) => {
    const via = viaFor.get(line);
    return via === undefined || via.some((entry) => /^(-r\s|--requirement)/.test(entry));
  };
}
