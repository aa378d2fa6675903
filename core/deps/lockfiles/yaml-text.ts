// YAML lockfiles (pnpm, pubspec): parse with `yaml`, keeping node ranges so each entry has a line.
import { type Document, isMap, isScalar, parseAllDocuments } from "yaml";
import { MAX_YAML_ALIASES } from "./limits.ts";
import type { ParseResultBuilder } from "./result.ts";
import { LineIndex } from "./text-lines.ts";

export interface YamlFile {
  documents: Document[];
  lines: LineIndex;
}

/** All documents of a file, or undefined after reporting the first syntax error with its line. */
export function parseYamlText(content: string, result: ParseResultBuilder): YamlFile | undefined {
  const documents = parseAllDocuments(content, { uniqueKeys: false }) as Document[];
  const lines = new LineIndex(content);
  for (const document of documents) {
    const error = document.errors[0];
    if (error) {
      const line = error.linePos?.[0].line ?? lines.lineAt(error.pos[0]);
      result.problem(`malformed YAML: ${error.message.split("\n")[0]}`, line);
      return undefined;
    }
  }
  return { documents, lines };
}

/**
 * A document as plain data with alias expansion capped, so a "billion laughs" file is a problem
 * rather than gigabytes; undefined after reporting it.
 */
export function documentData(
  document: Document,
  result: ParseResultBuilder,
): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: document.toJS({ maxAliasCount: MAX_YAML_ALIASES }) };
  } catch (error) {
    const message = (error as Error).message;
    if (!/alias/i.test(message)) throw error;
    result.problem(`YAML aliases expand past the budget of ${MAX_YAML_ALIASES}; not parsed`);
    return { ok: false };
  }
}

/** Line of each key of the mapping at `path` in a document. */
export function keyLines(
  document: Document,
  path: string[],
  lines: LineIndex,
): Map<string, number> {
  const found = new Map<string, number>();
  const node = document.getIn(path, true);
  if (!isMap(node)) return found;
  for (const item of node.items) {
    const key = item.key;
    if (isScalar(key) && key.range) found.set(String(key.value), lines.lineAt(key.range[0]));
  }
  return found;
}
