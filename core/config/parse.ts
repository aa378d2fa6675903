// Turns the text or object of .github/upkeep.yml into a validated config, or problems located by line.
// The text may come from anyone who can push to a repository the App serves, so reading it is
// bounded: size, alias count and nesting depth are checked before anything is expanded.
import {
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
  visit,
} from "yaml";
import type { z } from "zod";
import type { ConfigProblem } from "./errors.ts";
import { checkRawShape } from "./raw-shape.ts";
import { type UpkeepConfig, upkeepConfigSchema } from "./schema.ts";

export const CONFIG_PATH = ".github/upkeep.yml";

/** What one config file may cost to read. A real file is a few KiB with no aliases. */
export const CONFIG_BUDGET = {
  /** UTF-8 bytes of the file. */
  maxBytes: 256 * 1024,
  /** Alias nodes (`*name`) in the file. */
  maxAliases: 64,
  /** Nested mappings and sequences. */
  maxDepth: 32,
  /** Lines: a large real config has a few hundred; the parser's cost grows with the pairs. */
  maxLines: 5_000,
  /** One line; real lines (even long patterns) stay far below. */
  maxLineBytes: 16 * 1024,
  /** Open flow brackets (`[`, `{`) counted before parsing, quotes ignored: the parser recurses. */
  maxOpenBrackets: 256,
} as const;

export type ConfigResult =
  | { ok: true; config: UpkeepConfig }
  | { ok: false; problems: ConfigProblem[] };

/** The file's plain value before validation, with what is needed to point at its lines. */
export type ConfigYaml =
  | { ok: true; value: unknown; root: Node | null; lines: LineCounter }
  | { ok: false; problems: ConfigProblem[] };

/** Parses YAML text; an empty file means "all defaults". */
export function parseConfigText(text: string, file = CONFIG_PATH): ConfigResult {
  const yaml = readConfigYaml(text, file);
  if (!yaml.ok) return yaml;
  return validateLocated(yaml.value ?? {}, file, yaml);
}

/** Validates a parsed file and points each problem at its line in that file. */
export function validateLocated(
  value: unknown,
  file: string,
  yaml: { root: Node | null; lines: LineCounter },
): ConfigResult {
  const result = validateConfigObject(value, file);
  if (result.ok) return result;
  // Locating is a walk per problem: a file of 30k unknown keys must not cost 30k walks.
  const shown = result.problems.slice(0, MAX_PROBLEMS);
  const hidden = result.problems.length - shown.length;
  const located = shown.map((problem) => locate(problem, yaml.root, yaml.lines));
  if (hidden > 0) {
    located.push({
      file,
      path: "",
      message: `${hidden} more problem(s) not shown; fix these first`,
    });
  }
  return { ok: false, problems: located };
}

/** Line and column of a key path in a parsed file (its nearest existing ancestor). */
export function positionOf(
  yaml: { root: Node | null; lines: LineCounter },
  segments: PropertyKey[],
): { line?: number; column?: number } {
  const offset = findOffset(yaml.root, segments, true);
  if (offset === undefined) return {};
  const position = yaml.lines.linePos(offset);
  return { line: position.line, column: position.col };
}

/** Problems reported per file; more only repeat the same mistake. */
export const MAX_PROBLEMS = 20;

/** YAML text → plain value, within CONFIG_BUDGET; every failure is a located problem. */
export function readConfigYaml(text: string, file = CONFIG_PATH): ConfigYaml {
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > CONFIG_BUDGET.maxBytes) {
    return fail(
      file,
      `the file is ${kib(bytes)} KiB; Upkeep reads config files up to ${kib(CONFIG_BUDGET.maxBytes)} KiB`,
    );
  }
  const shapeProblem = rawShapeProblem(text, file);
  if (shapeProblem) return { ok: false, problems: [shapeProblem] };
  const lines = new LineCounter();
  // uniqueKeys is quadratic in the keys of one mapping; duplicates are checked below in one pass.
  let doc: Document;
  try {
    // logLevel "error": yaml's warnings quote the text (a collection key) into the process log.
    doc = parseDocument(text, {
      lineCounter: lines,
      prettyErrors: false,
      uniqueKeys: false,
      logLevel: "error",
    });
  } catch (error) {
    // The parser recurses per compact collection; enough of them on each line exhaust the stack.
    if (!(error instanceof RangeError)) throw error;
    return fail(file, "the YAML nests too deeply to read; write one mapping or list item per line");
  }
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors
        .slice(0, MAX_PROBLEMS)
        .map((error) =>
          at(file, lines, error.pos[0], `YAML syntax error: ${firstLine(error.message)}`),
        ),
    };
  }
  const shape = checkShape(doc, file, lines);
  if (shape) return { ok: false, problems: [shape] };
  try {
    return {
      ok: true,
      value: doc.toJS({ maxAliasCount: CONFIG_BUDGET.maxAliases }),
      root: doc.contents,
      lines,
    };
  } catch (error) {
    // yaml refuses an alias whose expansion is too large ("resource exhaustion").
    return fail(file, `YAML aliases expand too far: ${firstLine((error as Error).message)}`);
  }
}

function rawShapeProblem(text: string, file: string): ConfigProblem | undefined {
  const found = checkRawShape(text, CONFIG_BUDGET);
  if (!found) return undefined;
  const message =
    found.kind === "lines"
      ? `more than ${CONFIG_BUDGET.maxLines} lines; Upkeep reads config files up to that length`
      : found.kind === "line"
        ? `line ${found.line} is longer than ${kib(CONFIG_BUDGET.maxLineBytes)} KiB`
        : `nested deeper than ${CONFIG_BUDGET.maxDepth} levels`;
  return { file, path: "", line: found.line, column: found.column, message };
}

/** One pass over the tree: alias count, nesting depth and duplicate keys. */
function checkShape(doc: Document, file: string, lines: LineCounter): ConfigProblem | undefined {
  let aliases = 0;
  let problem: ConfigProblem | undefined;
  const stop = (node: Node, message: string) => {
    problem = at(file, lines, node.range?.[0], message);
    return visit.BREAK;
  };
  visit(doc, (_key, node, path) => {
    if (isAlias(node) && ++aliases > CONFIG_BUDGET.maxAliases) {
      return stop(node, `more than ${CONFIG_BUDGET.maxAliases} YAML aliases; write the values out`);
    }
    if (!isMap(node) && !isSeq(node)) return undefined;
    const depth = path.filter((step) => isMap(step) || isSeq(step)).length + 1;
    if (depth > CONFIG_BUDGET.maxDepth) {
      return stop(node, `nested deeper than ${CONFIG_BUDGET.maxDepth} levels`);
    }
    const duplicate = isMap(node) ? duplicateKey(node.items) : undefined;
    if (duplicate) return stop(duplicate, "YAML syntax error: Map keys must be unique");
    return undefined;
  });
  return problem;
}

function duplicateKey(pairs: { key: unknown }[]): Node | undefined {
  const seen = new Set<string>();
  for (const { key } of pairs) {
    if (!isScalar(key)) continue;
    const name = String(key.value);
    if (seen.has(name)) return key;
    seen.add(name);
  }
  return undefined;
}

function at(
  file: string,
  lines: LineCounter,
  offset: number | undefined,
  message: string,
): ConfigProblem {
  if (offset === undefined) return { file, path: "", message };
  const position = lines.linePos(offset);
  return { file, path: "", line: position.line, column: position.col, message };
}

function fail(file: string, message: string): ConfigYaml {
  return { ok: false, problems: [{ file, path: "", message }] };
}

function kib(bytes: number): string {
  return String(Math.ceil(bytes / 1024));
}

/** Validates an already-parsed object (the app gets one from Probot's config loader). */
export function validateConfigObject(value: unknown, file = CONFIG_PATH): ConfigResult {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return {
      ok: false,
      problems: [{ file, path: "", message: "expected a mapping of sections at the top level" }],
    };
  }
  const parsed = upkeepConfigSchema.safeParse(value);
  if (parsed.success) return { ok: true, config: parsed.data };
  return { ok: false, problems: parsed.error.issues.flatMap((issue) => toProblems(issue, file)) };
}

type KeyedProblem = ConfigProblem & { segments: PropertyKey[]; atKey: boolean };

function toProblems(issue: z.core.$ZodIssue, file: string): KeyedProblem[] {
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => ({
      file,
      path: [...issue.path, key].join("."),
      segments: [...issue.path, key],
      atKey: true,
      message: `unknown key "${key}"`,
    }));
  }
  return [
    {
      file,
      path: issue.path.join("."),
      segments: issue.path,
      atKey: false,
      message: issue.message,
    },
  ];
}

function locate(problem: ConfigProblem, root: Node | null, lines: LineCounter): ConfigProblem {
  const { segments, atKey, ...plain } = problem as KeyedProblem;
  const offset = findOffset(root, segments ?? [], atKey);
  if (offset === undefined) return plain;
  const position = lines.linePos(offset);
  return { ...plain, line: position.line, column: position.col };
}

/** Offset of the deepest node along the path that exists; a missing key points at its parent. */
function findOffset(
  root: Node | null,
  segments: PropertyKey[],
  atKey: boolean,
): number | undefined {
  let node: unknown = root;
  let offset = (root as Node | null)?.range?.[0];
  for (const [index, segment] of segments.entries()) {
    if (!node || typeof node !== "object" || !("items" in node)) break;
    const items = (node as { items: unknown[] }).items;
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isScalar(item.key) && String(item.key.value) === String(segment),
      );
      if (!pair) break;
      const isLast = index === segments.length - 1;
      const keyNode = pair.key as Node;
      offset =
        isLast && atKey
          ? keyNode.range?.[0]
          : ((pair.value as Node | null)?.range?.[0] ?? keyNode.range?.[0]);
      node = pair.value;
    } else {
      const item = items[Number(segment)] as Node | undefined;
      if (!item) break;
      offset = item.range?.[0];
      node = item;
    }
  }
  return offset;
}

function firstLine(message: string): string {
  return message.split("\n")[0] ?? message;
}
