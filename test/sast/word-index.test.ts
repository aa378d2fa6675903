import { describe, expect, it } from "vitest";
import { WordIndex } from "../../core/sast/word-index.ts";

describe("WordIndex", () => {
  it("finds exactly the words includes() would, including words inside and at the start of others", () => {
    const words = ["end", "send", "'fs", "'fs/promises", "req.param", "req.params", "absent"];
    const text = "res.send(x); import('fs/promises'); req.params.id";
    const present = new WordIndex(words).presentIn(text);
    expect([...present].sort()).toEqual(words.filter((word) => text.includes(word)).sort());
  });
});
