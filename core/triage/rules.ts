// Ordered rules over an issue's title, body and labels; the first that matches decides.
import type { Severity } from "../config/fields.ts";
import { BUILT_IN_RULES } from "./built-in-rules.ts";
import type { TriageConfig, TriageRule } from "./config.ts";
import { sameLabel } from "./labels.ts";
import { normaliseText, stripHtmlComments } from "./untrusted-text.ts";

/** GitHub caps issue bodies at 65,536 characters; never scan more than that with user regexes. */
const MAX_SCANNED = 65_536;

export interface RuleSubject {
  title: string;
  body: string;
  labels: string[];
}

export interface RuleMatch {
  severity: Severity;
  rule: TriageRule;
  /** "rules[2]" for configured rules, "built-in" for Upkeep's own. */
  origin: string;
  /** What matched, for the explanation: a keyword, a pattern or the labels. */
  matched: string;
}

export function matchRules(subject: RuleSubject, config: TriageConfig): RuleMatch | undefined {
  const text = prepare(subject);
  for (const [index, rule] of config.rules.entries()) {
    const matched = matchRule(rule, text, subject.labels);
    if (matched) return { severity: rule.severity, rule, origin: `rules[${index}]`, matched };
  }
  if (!config.builtInRules) return undefined;
  for (const rule of BUILT_IN_RULES) {
    const matched = matchRule(rule, text, subject.labels);
    if (matched) return { severity: rule.severity, rule, origin: "built-in", matched };
  }
  return undefined;
}

interface PreparedText {
  title: string;
  body: string;
  both: string;
}

function prepare(subject: RuleSubject): PreparedText {
  const title = normaliseText(subject.title.slice(0, MAX_SCANNED));
  // Template guidance lives in HTML comments; it is not what the author reported.
  const body = normaliseText(stripHtmlComments(subject.body.slice(0, MAX_SCANNED)));
  return { title, body, both: `${title}\n${body}` };
}

/** All of a rule's conditions must hold; returns a description of what matched. */
function matchRule(rule: TriageRule, text: PreparedText, labels: string[]): string | undefined {
  const found: string[] = [];
  for (const [source, where] of [
    [rule.pattern, text.both],
    [rule.title, text.title],
    [rule.body, text.body],
  ] as const) {
    if (source === undefined) continue;
    const hit = compiled(source).exec(where);
    if (!hit) return undefined;
    found.push(hit[0]);
  }
  if (rule.keywords) {
    const keyword = rule.keywords.find((word) => keywordPattern(word).test(text.both));
    if (!keyword) return undefined;
    found.push(keyword);
  }
  if (rule.labels) {
    if (!rule.labels.every((wanted) => labels.some((label) => sameLabel(label, wanted))))
      return undefined;
    found.push(`labels ${rule.labels.join(", ")}`);
  }
  return found.join(", ");
}

const patternCache = new Map<string, RegExp>();

function compiled(source: string): RegExp {
  let pattern = patternCache.get(source);
  if (!pattern) {
    pattern = new RegExp(source, "i");
    patternCache.set(source, pattern);
  }
  return pattern;
}

const keywordCache = new Map<string, RegExp>();

/** A whole-word, any-case, flexible-whitespace pattern for a keyword or phrase. */
function keywordPattern(word: string): RegExp {
  let pattern = keywordCache.get(word);
  if (!pattern) {
    const escaped = word
      .trim()
      .replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
      .replace(/\s+/g, "\\s+");
    pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, "iu");
    keywordCache.set(word, pattern);
  }
  return pattern;
}
