// Ordered rules over an issue's title, body and labels; the first that matches decides.
// Every configured pattern runs on RE2 (core/text/linear-pattern.ts), so no user rule can
// backtrack. RE2 is linear in the text but costs up to its program size per character,
// so configured rules share a work budget per issue: rules past it are skipped, and the decision
// says so, rather than one issue holding the process for every installation.
import type { Severity } from "../config/fields.ts";
import { type LinearPattern, mustCompileLinearPattern } from "../text/linear-pattern.ts";
import { normaliseText, stripHtmlComments } from "../text/normalise-text.ts";
import { BUILT_IN_RULES } from "./built-in-rules.ts";
import type { TriageConfig, TriageRule } from "./config.ts";
import { type KeywordMatcher, keywordMatcher, type Token, tokenize } from "./keywords.ts";
import { sameLabel } from "./labels.ts";
import { withinTriageBudget } from "./text-budget.ts";

/**
 * Steps (program size × characters scanned, plus a fixed cost per scan) configured rules may
 * spend on one issue: under a second of RE2 in the worst case, and room for dozens of typical
 * rules on a typical body.
 */
export const RULE_WORK_BUDGET = 20_000_000;
const FIXED_STEPS_PER_CHARACTER = 20;
/** A keyword trie step costs about as much as this many RE2 steps. */
const STEPS_PER_KEYWORD_STEP = 2;

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

export interface RuleOutcome {
  match?: RuleMatch;
  /** The first configured rule the work budget did not reach, e.g. "rules[7]". */
  skippedFrom?: string;
  /** The body was longer than the triage budget; only its start was read. */
  bodyCut: boolean;
}

export function matchRules(subject: RuleSubject, config: TriageConfig): RuleOutcome {
  const text = prepare(subject);
  const bodyCut = text.bodyCut;
  let spent = 0;
  for (const [index, rule] of config.rules.entries()) {
    const origin = `rules[${index}]`;
    spent += ruleCost(rule, text);
    if (spent > RULE_WORK_BUDGET) return { skippedFrom: origin, bodyCut };
    const matched = matchRule(rule, text, subject.labels, pattern);
    if (matched) return { match: { severity: rule.severity, rule, origin, matched }, bodyCut };
  }
  if (!config.builtInRules) return { bodyCut };
  for (const rule of BUILT_IN_RULES) {
    const matched = matchRule(rule, text, subject.labels, builtInPattern);
    if (matched)
      return { match: { severity: rule.severity, rule, origin: "built-in", matched }, bodyCut };
  }
  return { bodyCut };
}

interface PreparedText {
  title: string;
  body: string;
  both: string;
  bodyCut: boolean;
  /** `both` cut into keyword tokens once, on first use, for every keyword rule. */
  tokens(): Token[];
}

function prepare(subject: RuleSubject): PreparedText {
  const title = normaliseText(withinTriageBudget(subject.title).text);
  const body = withinTriageBudget(subject.body);
  // Template guidance lives in HTML comments; it is not what the author reported.
  const cleanBody = normaliseText(stripHtmlComments(body.text));
  const both = `${title}\n${cleanBody}`;
  let tokens: Token[] | undefined;
  return {
    title,
    body: cleanBody,
    both,
    bodyCut: body.cut,
    tokens: () => (tokens ??= tokenize(both)),
  };
}

function ruleCost(rule: TriageRule, text: PreparedText): number {
  let cost = 0;
  for (const [source, where] of conditions(rule, text)) {
    if (source !== undefined)
      cost += (pattern(source).programSize + FIXED_STEPS_PER_CHARACTER) * where.length;
  }
  if (rule.keywords)
    cost += text.tokens().length * keywords(rule.keywords).depth * STEPS_PER_KEYWORD_STEP;
  return cost;
}

function conditions(rule: TriageRule, text: PreparedText) {
  return [
    [rule.pattern, text.both],
    [rule.title, text.title],
    [rule.body, text.body],
  ] as const;
}

/** All of a rule's conditions must hold; returns a description of what matched. */
function matchRule(
  rule: TriageRule,
  text: PreparedText,
  labels: string[],
  compile: (source: string) => Pick<LinearPattern, "find">,
): string | undefined {
  const found: string[] = [];
  for (const [source, where] of conditions(rule, text)) {
    if (source === undefined) continue;
    const hit = compile(source).find(where);
    if (!hit) return undefined;
    found.push(hit.text);
  }
  if (rule.keywords) {
    const keyword = keywords(rule.keywords).findInTokens(text.tokens());
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

// Compiled forms are kept per source: configs are re-read on every event, rules rarely change.
// The caches are bounded so a stream of distinct configs cannot grow them without end.
const MAX_CACHED = 1_000;
const patternCache = new Map<string, LinearPattern>();
const keywordCache = new Map<string, KeywordMatcher>();
const builtInCache = new Map<string, RegExp>();

function pattern(source: string): LinearPattern {
  return cached(patternCache, source, () => mustCompileLinearPattern(source, { ignoreCase: true }));
}

/**
 * Upkeep's own rules are fixed alternations of words, checked free of backtracking by
 * test/triage/own-patterns.test.ts; V8's engine runs them many times faster than RE2 in JS.
 */
function builtInPattern(source: string): Pick<LinearPattern, "find"> {
  const compiled = cached(builtInCache, source, () => new RegExp(source, "i"));
  return {
    find(text) {
      const hit = compiled.exec(text);
      return hit ? { index: hit.index, text: hit[0] } : undefined;
    },
  };
}

function keywords(list: readonly string[]): KeywordMatcher {
  return cached(keywordCache, JSON.stringify(list), () =>
    keywordMatcher(list.map((word) => normaliseText(word))),
  );
}

function cached<T>(cache: Map<string, T>, key: string, build: () => T): T {
  let value = cache.get(key);
  if (value === undefined) {
    if (cache.size >= MAX_CACHED) cache.clear();
    value = build();
    cache.set(key, value);
  }
  return value;
}
