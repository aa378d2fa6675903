import { describe, expect, it } from "vitest";
import { compileLinearPattern, linearPatternField } from "./linear-pattern.ts";

describe("user patterns run in linear time", () => {
  it("a nested quantifier that would backtrack exponentially answers at once", () => {
    const compiled = compileLinearPattern("(a+)+$");
    expect(compiled.ok).toBe(true);
    if (!compiled.ok) return;
    const hostile = `${"a".repeat(50_000)}!`;
    expect(compiled.pattern.test(hostile)).toBe(false);
    expect(compiled.pattern.test("aaa")).toBe(true);
  });

  it("case-insensitive matching and the match position", () => {
    const compiled = compileLinearPattern("data\\s+loss", { ignoreCase: true });
    if (!compiled.ok) throw new Error(compiled.error);
    expect(compiled.pattern.find("We saw DATA  LOSS today")).toEqual({
      index: 7,
      text: "DATA  LOSS",
    });
    expect(compiled.pattern.find("nothing here")).toBeUndefined();
  });

  it.each([["(?=x)y"], ["(a)\\1"], ["(?<!a)b"]])(
    "refuses %s with a reason that names RE2",
    (source) => {
      const compiled = compileLinearPattern(source);
      expect(compiled.ok).toBe(false);
      if (compiled.ok) return;
      expect(compiled.error).toMatch(/invalid regular expression/);
    },
  );

  it("a config field reports the pattern error as a validation issue", () => {
    const result = linearPatternField().safeParse("(unclosed");
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/invalid regular expression/);
  });

  it("refuses over-long sources before compiling", () => {
    const compiled = compileLinearPattern("a".repeat(5_000));
    expect(compiled.ok).toBe(false);
  });
});
