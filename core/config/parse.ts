// Turns the text or object of .github/upkeep.yml into a validated config, or problems located by line.
import { isMap, isScalar, LineCounter, type Node, parseDocument } from "yaml";
import type { z } from "zod";
import type { ConfigProblem } from "./errors.ts";
import { type UpkeepConfig, upkeepConfigSchema } from "./schema.ts";

export const CONFIG_PATH = ".github/upkeep.yml";

export type ConfigResult =
  | { ok: true; config: UpkeepConfig }
  | { ok: false; problems: ConfigProblem[] };

/** Parses YAML text; an empty file means "all defaults". */
export function parseConfigText(text: string, file = CONFIG_PATH): ConfigResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((error) => {
        const position = lineCounter.linePos(error.pos[0]);
        return {
          file,
          path: "",
          line: position.line,
          column: position.col,
          message: `YAML syntax error: ${firstLine(error.message)}`,
        };
      }),
    };
  }
  const value = doc.toJS() ?? {};
  const result = validateConfigObject(value, file);
  if (result.ok) return result;
  return {
    ok: false,
    problems: result.problems.map((problem) => locate(problem, doc.contents, lineCounter)),
  };
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
