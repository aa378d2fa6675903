import { describe, expect, it } from "vitest";
import { fullParse, headerOnly, parseMessage } from "../../core/release-notes/message.ts";

const TYPES = new Set(["feat", "fix", "perf", "revert", "chore", "docs"]);
const parse = (message: string) => parseMessage(message, TYPES);

describe("reading a commit message as a conventional commit", () => {
  it.each([
    ["feat: add login", "feat", undefined, "add login"],
    ["FEAT(API): Add thing", "feat", "API", "Add thing"],
    ["Fix(core): handle null", "fix", "core", "handle null"],
    ["feat(api/v2): nested scope", "feat", "api/v2", "nested scope"],
    ["feat(parser,lexer): scope list", "feat", "parser,lexer", "scope list"],
    ["feat(): empty scope", "feat", undefined, "empty scope"],
  ])("%s → type %s, scope %s", (message, type, scope, subject) => {
    const change = parse(message).change;
    expect(change).toMatchObject({ type, subject });
    expect(change?.scope).toBe(scope);
  });

  it("a message that is not a conventional commit gives no change", () => {
    expect(parse("").change).toBeUndefined();
    expect(parse("Update README.md").change).toBeUndefined();
    expect(parse("WIP").change).toBeUndefined();
  });

  it("`!` without a footer makes the description the breaking note, for any type", () => {
    expect(parse("feat!: drop Node 18").change?.breaking).toEqual(["drop Node 18"]);
    expect(parse("chore(deps)!: require Go 1.22").change?.breaking).toEqual(["require Go 1.22"]);
  });

  it("`!` with a footer uses the footer's text", () => {
    const change = parse("feat(api)!: rename\n\nBREAKING CHANGE: `get` is now `fetch`").change;
    expect(change?.breaking).toEqual(["`get` is now `fetch`"]);
  });

  it("BREAKING-CHANGE with a hyphen is a breaking footer too", () => {
    expect(parse("fix: x\n\nBREAKING-CHANGE: config moved").change?.breaking).toEqual([
      "config moved",
    ]);
  });

  it("a breaking note ends at the next footer token: sign-offs and co-authors are never swallowed", () => {
    const message = [
      "fix(core): stricter parsing",
      "",
      "BREAKING CHANGE: unknown keys are errors now",
      "and were warnings before",
      "Signed-off-by: Alice <alice@example.com>",
      "Co-authored-by: Bob <bob@example.com>",
    ].join("\n");
    expect(parse(message).change?.breaking).toEqual([
      "unknown keys are errors now\nand were warnings before",
    ]);
  });

  it("CRLF line endings read the same as LF", () => {
    const crlf = parse(
      "feat(ui): dark mode\r\n\r\nBREAKING CHANGE: new theme API\r\nCloses #7\r\n",
    ).change;
    expect(crlf).toMatchObject({
      type: "feat",
      scope: "ui",
      subject: "dark mode",
      breaking: ["new theme API"],
    });
    expect(crlf?.references).toEqual([{ number: 7, action: "Closes" }]);
  });

  it("a missing space after the colon is read leniently for known types and reported", () => {
    const parsed = parse("fix(api):handle timeouts");
    expect(parsed.change).toMatchObject({ type: "fix", scope: "api", subject: "handle timeouts" });
    expect(parsed.warnings[0]).toContain('no space after "fix(api):"');
    expect(parse("http://example.com is down").change).toBeUndefined();
  });

  it("a subject ending (#123) carries the pull request number", () => {
    expect(parse("feat: search (#123)").change?.pr).toBe(123);
    expect(parse("feat: search #123 again").change?.pr).toBeUndefined();
  });

  it("references other repositories and closing keywords in footers", () => {
    const change = parse("fix: thing\n\nCloses octo-org/other#9\nFixes #10").change;
    expect(change?.references).toEqual([
      { number: 9, owner: "octo-org", repo: "other", action: "Closes" },
      { number: 10, action: "Fixes" },
    ]);
  });

  it("a Release-As footer forces a version", () => {
    expect(parse("chore: prepare\n\nRelease-As: 2.0.0").change?.releaseAs).toBe("2.0.0");
    expect(parse("chore: prepare\n\nrelease-as: 3.1.0-rc.1").change?.releaseAs).toBe("3.1.0-rc.1");
  });

  it("both revert forms name what they revert", () => {
    const gitForm = parse(
      'Revert "feat: search"\n\nThis reverts commit 0123456789abcdef0123456789abcdef01234567.',
    );
    expect(gitForm.change).toMatchObject({
      type: "revert",
      reverts: { hash: "0123456789abcdef0123456789abcdef01234567", header: "feat: search" },
    });
    const specForm = parse("revert: feat: search\n\nRefs: 0123456");
    expect(specForm.change).toMatchObject({
      type: "revert",
      reverts: { hash: "0123456", header: "feat: search" },
    });
  });

  it("collects advisory ids for the patch notes", () => {
    const change = parse(
      "fix(deps): bump lodash\n\nFixes CVE-2021-23337 and GHSA-35jh-r3h4-6jhm.",
    ).change;
    expect(change?.advisories).toEqual(["CVE-2021-23337", "GHSA-35JH-R3H4-6JHM"]);
  });
});

describe("the fast path for header-only commits", () => {
  it.each([
    "feat: plain",
    "fix(api): with scope",
    "feat(api)!: breaking",
    "perf!: breaking without scope (#12)",
    "docs(readme): trailing pull request (#345)",
    "Feat(UI): Upper case",
    "chore(): empty scope",
    "feat(a,b): list scope",
    "feat(api/v2): nested scope",
  ])("reads %j exactly as the parser does", (message) => {
    const fast = headerOnly(message);
    expect(fast).toBeDefined();
    const full = fullParse(message);
    for (const field of ["type", "scope", "subject", "header", "notes"] as const) {
      expect(fast?.[field], field).toEqual(full[field]);
    }
    // `raw` (the text around a reference) is never used; what the notes read must agree.
    const meaning = ({ raw: _raw, ...used }: { raw: string }) => used;
    expect(fast?.references.map(meaning)).toEqual(full.references.map(meaning));
  });

  it.each([
    "fix: closes #12",
    "fix: see octo-org/other#3",
    "feat: @bob's idea",
    "fix: handle http://example.com",
    "revert: feat: x",
    "feat: x\n\nbody",
  ])("leaves %j to the parser", (message) => {
    expect(headerOnly(message)).toBeUndefined();
  });
});
