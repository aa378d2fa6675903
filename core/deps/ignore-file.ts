// Reads the dedicated ignore file (`deps.ignoreFile`): a YAML list of ignores, or a mapping with
// `ignores:`. Each bad entry is reported with its line; the good ones still apply.
import { LineCounter, parseDocument } from "yaml";
import { type IgnoreRule, ignoreRuleSchema } from "./config.ts";

export interface IgnoreFileProblem {
  file: string;
  line?: number;
  message: string;
}

export interface IgnoreFileResult {
  ignores: IgnoreRule[];
  problems: IgnoreFileProblem[];
}

export function parseIgnoreFile(text: string, file: string): IgnoreFileResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  if (doc.errors.length > 0) {
    const error = doc.errors[0];
    const line = error ? lineCounter.linePos(error.pos[0]).line : undefined;
    return {
      ignores: [],
      problems: [{ file, line, message: `YAML syntax error: ${error?.message.split("\n")[0]}` }],
    };
  }
  const value = doc.toJS() ?? [];
  const listPath = Array.isArray(value) ? [] : ["ignores"];
  const list = Array.isArray(value) ? value : (value as { ignores?: unknown }).ignores;
  if (!Array.isArray(list)) {
    return {
      ignores: [],
      problems: [
        { file, line: 1, message: "expected a list of ignores (or `ignores:` holding one)" },
      ],
    };
  }
  const result: IgnoreFileResult = { ignores: [], problems: [] };
  list.forEach((entry, index) => {
    const parsed = ignoreRuleSchema.safeParse(entry);
    if (parsed.success) {
      result.ignores.push(parsed.data);
      return;
    }
    for (const issue of parsed.error.issues) {
      const path = [...listPath, index, ...issue.path] as (string | number)[];
      const node = doc.getIn(path, true) ?? doc.getIn([...listPath, index], true);
      const offset = (node as { range?: [number, number] } | undefined)?.range?.[0];
      const key = issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
      result.problems.push({
        file,
        line: offset === undefined ? undefined : lineCounter.linePos(offset).line,
        message: `ignore #${index + 1}: ${key}${issue.message}`,
      });
    }
  });
  return result;
}
