import { describe, expect, it } from "vitest";
import { checkRawShape } from "./raw-shape.ts";

const limits = { maxLines: 5, maxLineBytes: 100, maxOpenBrackets: 3 };

describe("the raw look before parsing", () => {
  it.each([
    ["a: [[[[x]]]]", { line: 1, column: 7, kind: "nesting" }],
    ['a: ["]", ["]", ["]", ["]"', { line: 1, column: 22, kind: "nesting" }],
    ["a: [']', [']', [']', [']'", { line: 1, column: 22, kind: "nesting" }],
    ["a: ['it''s]', [x, [y, [z", { line: 1, column: 23, kind: "nesting" }],
    // a quote inside a plain word is a letter: the brackets after it count
    ["title: don't [[[[ stop", { line: 1, column: 17, kind: "nesting" }],
    [`a: ok\nb: ${"x".repeat(101)}`, { line: 2, column: 1, kind: "line" }],
    ["a: 1\nb: 2\nc: 3\nd: 4\ne: 5\nf: 6", { line: 5, column: 1, kind: "lines" }],
  ])("%j is refused at %j", (text, problem) => {
    expect(checkRawShape(text, limits)).toEqual(problem);
  });

  it.each([
    "pattern: '\\[\\[\\[\\[\\d+\\]'",
    'pattern: "[[[[\\"[[[["',
    "# [[[[ in a comment\na: [x]",
    "a: [[x], [y], [z], [w]]",
  ])("%j passes", (text) => {
    expect(checkRawShape(text, limits)).toBeUndefined();
  });
});
