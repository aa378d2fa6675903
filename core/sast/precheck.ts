// Cheap text checks before parsing: a rule runs on a file only when the file names one of its
// words and, for rules that need request data, one of the language's sources. Files no rule
// survives are never parsed.
import { DEFAULT_SOURCES } from "./flow-vocabulary.ts";
import { PARSERS_OF, type ParserName } from "./languages.ts";
import type { CompiledRule } from "./rule.ts";
import { WordIndex } from "./word-index.ts";

/** Rules for this parser whose words appear in the text and, for source rules, whose sources do. */
export function rulesWorthRunning(
  text: string,
  parser: ParserName,
  rules: CompiledRule[],
  /** Another file passes request data into this one (cross-file.ts): sources need not appear. */
  receivesRequestData = false,
): CompiledRule[] {
  const present = wordIndexFor(rules, parser).presentIn(text);
  const sourcesPresent =
    receivesRequestData ||
    DEFAULT_SOURCES[parser].some((source) => present.has(sourceWord(source)));
  return rules.filter((rule) => {
    if (rule.language === "github-actions" || !PARSERS_OF[rule.language].includes(parser))
      return false;
    if (rule.words.length > 0 && !rule.words.some((word) => present.has(word))) return false;
    if (rule.taint?.requires !== "source") return true;
    // Request data can only flow from text that names it; without any, a source rule cannot fire.
    return sourcesPresent || rule.taint.sources.some((source) => present.has(sourceWord(source)));
  });
}

function sourceWord(source: string): string {
  return source.replace(/\($/, "");
}

const wordIndexes = new WeakMap<CompiledRule[], Map<ParserName, WordIndex>>();

/** One index per rule list and parser, built on first use (rules are fixed for a scan). */
function wordIndexFor(rules: CompiledRule[], parser: ParserName): WordIndex {
  let byParser = wordIndexes.get(rules);
  if (!byParser) {
    byParser = new Map();
    wordIndexes.set(rules, byParser);
  }
  let index = byParser.get(parser);
  if (!index) {
    const sources = [
      ...rules.flatMap((rule) => rule.taint?.sources ?? []),
      ...DEFAULT_SOURCES[parser],
    ].map(sourceWord);
    index = new WordIndex([...rules.flatMap((rule) => rule.words), ...sources]);
    byParser.set(parser, index);
  }
  return index;
}
