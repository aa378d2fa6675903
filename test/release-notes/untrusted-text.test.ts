// Commit text published on a release page: HTML must not render and @mentions must not notify
// (#14), while text without either comes out exactly as release-please writes it.
import { describe, expect, it } from "vitest";
import { releaseNotesConfigSchema } from "../../core/release-notes/config.ts";
import { parseRepositoryUrl } from "../../core/release-notes/links.ts";
import { planRelease } from "../../core/release-notes/release.ts";
import { safeCommitText } from "../../core/release-notes/untrusted-text.ts";
import { commitsOf } from "./commits.ts";

describe("commit text made safe for a release page", () => {
  it.each([
    ["plain text stays as written", "add search (#10)", "add search (#10)"],
    ["HTML is escaped", "<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"],
    ["code spans stay literal", "render `<Button>` safely", "render `<Button>` safely"],
    ["a double-backtick span runs to its end", "use ``a `<b>` c`` now", "use ``a `<b>` c`` now"],
    ["a mention becomes inert code", "thanks @octocat!", "thanks `@octocat`!"],
    ["upper-case handles too", "ping @Admin-Team now", "ping `@Admin-Team` now"],
    ["a mention at the start", "@everyone look", "`@everyone` look"],
    ["npm scopes are not mentions", "bump @types/node to v24", "bump @types/node to v24"],
    ["e-mail addresses are not mentions", "mail a@b.example", "mail a@b.example"],
    ["versions after @ are not mentions", "typescript@5.9 types", "typescript@5.9 types"],
    ["a mention inside a code span stays", "run `npx @octocat`", "run `npx @octocat`"],
  ])("%s", (_, input, expected) => {
    expect(safeCommitText(input)).toBe(expected);
  });

  it("breaking-change notes escape only `<`, so `>= 20` reads as written", () => {
    expect(safeCommitText("requires Node >= 20 <script>", "note")).toBe(
      "requires Node >= 20 &lt;script>",
    );
  });

  it("stays linear on long crafted input", () => {
    const crafted = `${"``a".repeat(20_000)}${"`<".repeat(20_000)}${"@a".repeat(20_000)}`;
    const started = performance.now();
    safeCommitText(crafted);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it("the CHANGELOG section, release body and patch notes carry no live HTML or mentions", () => {
    const plan = planRelease({
      commits: commitsOf([
        "fix: escape <script>alert(1)</script> in titles (#3)",
        "feat!: new login for @octocat\n\nBREAKING CHANGE: <b>sessions</b> reset; ask @admin",
      ]),
      config: releaseNotesConfigSchema.parse({}),
      repository: parseRepositoryUrl("octo-org/octo-repo"),
      previous: { name: "v1.0.0", version: "1.0.0", hash: "0".repeat(40) },
      date: "2025-03-01",
    });
    for (const text of [plan.markdown, plan.releaseBody, plan.patchNotes, plan.enhancementNotes]) {
      expect(text).not.toMatch(/<(?:script|b)>/);
      expect(text).not.toMatch(/(^|[^`])@(?:octocat|admin)/m);
    }
    expect(plan.markdown).toContain(
      "* escape &lt;script&gt;alert(1)&lt;/script&gt; in titles ([#3](https://github.com/octo-org/octo-repo/issues/3))",
    );
    expect(plan.markdown).toContain("* &lt;b>sessions&lt;/b> reset; ask `@admin`");
    expect(plan.markdown).toContain("* new login for `@octocat` ([");
  });
});
