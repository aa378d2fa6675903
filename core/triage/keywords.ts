// Keyword rules: any of a list of words or phrases, whole words, any case, any whitespace between
// a phrase's words. A list of hundreds of keywords is matched in one pass over the text: the text
// and every keyword are cut into tokens (runs of letters and digits, or one other non-space
// character), the keywords go into a trie of tokens, and the walk from each token is bounded by
// the longest keyword. A regular expression per keyword would cost keywords × text instead.

export interface Token {
  value: string;
  /** Whitespace separates this token from the one before it. */
  spaced: boolean;
  word: boolean;
}

interface TrieNode {
  next: Map<string, TrieNode>;
  /** The keyword as configured, when a keyword ends here with this spacing. */
  ends?: string;
}

export interface KeywordMatcher {
  /** The configured keyword found earliest in the text, or undefined. */
  find(text: string): string | undefined;
  /** The same over text already cut by `tokenize`, so several rules share one cut. */
  findInTokens(tokens: Token[]): string | undefined;
  /** Tokens in the longest keyword: the walk from one token goes at most this deep. */
  readonly depth: number;
}

const TOKEN = /[\p{L}\p{N}]+|\S/gu;

export function keywordMatcher(keywords: readonly string[]): KeywordMatcher {
  const root: TrieNode = { next: new Map() };
  let longest = 0;
  for (const keyword of keywords) {
    const tokens = tokenize(keyword);
    if (tokens.length === 0) continue;
    longest = Math.max(longest, tokens.length);
    let node = root;
    for (const [index, token] of tokens.entries()) {
      const key = edgeKey(token, index === 0);
      let child = node.next.get(key);
      if (!child) {
        child = { next: new Map() };
        node.next.set(key, child);
      }
      node = child;
    }
    node.ends ??= keyword;
  }
  return {
    find: (text) => findIn(tokenize(text), root, longest),
    findInTokens: (tokens) => findIn(tokens, root, longest),
    depth: longest,
  };
}

function findIn(tokens: Token[], root: TrieNode, longest: number): string | undefined {
  for (let start = 0; start < tokens.length; start++) {
    if (gluedToWord(tokens[start - 1], tokens[start] as Token)) continue;
    let node: TrieNode | undefined = root;
    for (let at = start; at < tokens.length && at - start < longest; at++) {
      node = node.next.get(edgeKey(tokens[at] as Token, at === start));
      if (!node) break;
      if (node.ends !== undefined && !gluedToWord(tokens[at], tokens[at + 1])) return node.ends;
    }
  }
  return undefined;
}

/** Whole words: a keyword may not start or end next to a letter or digit. */
function gluedToWord(before: Token | undefined, after: Token | undefined): boolean {
  if (!before || !after || after.spaced) return false;
  return before.word || after.word;
}

/** A phrase's tokens must be spaced as in the keyword: `data loss` is not `data-loss`. */
function edgeKey(token: Token, first: boolean): string {
  return first ? token.value : `${token.spaced ? " " : ""}${token.value}`;
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let end = 0;
  for (const match of text.toLowerCase().matchAll(TOKEN)) {
    const value = match[0];
    tokens.push({
      value,
      spaced: match.index > end,
      word: value.length > 1 || /[\p{L}\p{N}]/u.test(value),
    });
    end = match.index + value.length;
  }
  return tokens;
}
