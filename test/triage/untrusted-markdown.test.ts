import { describe, expect, it } from "vitest";
import { configErrorBody } from "../../app/config-report.ts";
import { formatConfigProblem } from "../../core/config/errors.ts";
import { parseConfigText } from "../../core/config/parse.ts";
import {
  codeSpan,
  defuseReferences,
  inlineText,
  quotedBlock,
} from "../../core/text/untrusted-markdown.ts";

const J = "\u2060";

describe("references are defused by one rule", () => {
  it.each([
    ["@alice", `@${J}alice`],
    ["ping @octo-org/security", `ping @${J}octo-org/security`],
    ["see #12 and owner/repo#7", `see #${J}12 and owner/repo#${J}7`],
    ["GH-42 and gh-7", `GH${J}-42 and gh${J}-7`],
    ["mail a@b.io", `mail a@${J}b.io`],
    ["#hashtag and C#", "#hashtag and C#"],
  ])("%j → %j", (text, expected) => {
    expect(defuseReferences(text)).toBe(expected);
    expect(defuseReferences(text).replaceAll(J, "")).toBe(text);
  });
});

describe("inline text", () => {
  it("never mentions, links or injects markup", () => {
    const text = inlineText(
      "hi @alice and @org/team, see #12 <b>bold</b> [x](javascript:1) `code` &#64;bob $x$\nnext",
    );
    expect(text).toBe(
      `hi @${J}alice and @${J}org/team, see \\#${J}12 \\<b\\>bold\\</b\\> \\[x\\]\\(javascript:1\\) \\\`code\\\` \\&\\#${J}64;bob \\$x\\$ next`,
    );
  });

  it("drops bidi overrides and caps the length without splitting an emoji", () => {
    expect(inlineText("a\u202eb")).toBe("ab");
    const capped = inlineText("😀".repeat(10), 5);
    expect(capped.endsWith("…")).toBe(true);
    expect(capped).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it("quotes each line of a block", () => {
    expect(quotedBlock("one\n@two")).toBe(`> one\n> @${J}two`);
  });
});

describe("code spans", () => {
  it.each([
    ["plain", "Critical: down", "`Critical: down`"],
    ["one backtick", "a`b", "``a`b``"],
    ["a run of three", "x```y", "````x```y````"],
    ["a leading backtick", "`x", "`` `x ``"],
    ["only backticks", "```", "```` ``` ````"],
    ["a mention", "@evil", `\`@${J}evil\``],
    ["HTML", "<img src=x onerror=alert(1)>", "`<img src=x onerror=alert(1)>`"],
    ["empty", "  ", "(empty)"],
  ])("%s", (_case, text, expected) => {
    expect(codeSpan(text, 100)).toBe(expected);
  });

  it("stays on one line and is capped", () => {
    const span = codeSpan("line one\n\nline two ".repeat(50));
    expect(span).not.toContain("\n");
    expect(span.length).toBeLessThan(50);
  });
});

describe("the config-error issue", () => {
  it("a key with backticks and a mention cannot break its code span", () => {
    const body = configErrorBody([
      {
        file: ".github/upkeep.yml",
        path: "triage.`x` @admin",
        line: 3,
        column: 1,
        message: "unknown key",
      },
    ]);
    const line = body.split("\n").find((text) => text.startsWith("- ")) as string;
    expect(line).toBe(`- \`\`.github/upkeep.yml:3:1 at triage.\`x\` @${J}admin: unknown key\`\``);
  });
});

describe("config problems about hostile keys", () => {
  it("a key with a newline stays on one line", () => {
    const result = parseConfigText(
      'triage:\n  "x\\n.github/upkeep.yml:1:1: forged": 1\n',
      ".github/upkeep.yml",
    );
    if (result.ok) throw new Error("expected the config to be invalid");
    const [line] = result.problems.map(formatConfigProblem);
    expect(line).not.toContain("\n");
    expect(line).toContain("x\\n.github/upkeep.yml:1:1: forged");
  });
});
