// Which of many words a text contains, in one pass: the pre-checks name a few hundred words
// across all rules, and calling includes() for each costs a full scan of the text per absent word.
export class WordIndex {
  private readonly pattern: RegExp | undefined;
  /** For each word, the listed words it starts with (a match of "'fs/promises" is also "'fs"). */
  private readonly prefixes = new Map<string, string[]>();

  constructor(words: Iterable<string>) {
    const unique = [...new Set(words)].filter(Boolean).sort((a, b) => b.length - a.length);
    for (const word of unique)
      this.prefixes.set(
        word,
        unique.filter((other) => word.startsWith(other)),
      );
    const alternatives = unique.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    // A lookahead matches at every position, so words inside other words ("end" in "send")
    // are found too; the longest word wins at a position and `prefixes` adds the shorter ones.
    this.pattern =
      unique.length > 0 ? new RegExp(`(?=(${alternatives.join("|")}))`, "g") : undefined;
  }

  /** The listed words that occur in `text`. */
  presentIn(text: string): Set<string> {
    const present = new Set<string>();
    if (!this.pattern) return present;
    for (const match of text.matchAll(this.pattern))
      for (const word of this.prefixes.get(match[1] as string) ?? []) present.add(word);
    return present;
  }
}
