import { describe, expect, it } from "vitest";
import type { GitCommit } from "../../core/release-notes/commit.ts";
import { releaseNotesConfigSchema } from "../../core/release-notes/config.ts";
import { parseOverrides } from "../../core/release-notes/overrides.ts";
import { entriesForRelease } from "../../core/release-notes/release.ts";
import { commitsOf } from "./commits.ts";

const config = releaseNotesConfigSchema.parse({ botAuthors: ["renovate[bot]"] });
const subjects = (commits: GitCommit[], overrides?: Parameters<typeof entriesForRelease>[2]) =>
  entriesForRelease(commits, config, overrides).entries.map(
    (entry) => `${entry.type}: ${entry.subject}`,
  );

describe("which commits become entries", () => {
  it("skips merge commits, fixup!/squash!, release commits and configured bots", () => {
    const [merge, ...rest] = commitsOf([
      "Merge pull request #5 from octo-org/topic\n\nfeat: topic",
      "fixup! feat: topic",
      "squash! fix: thing",
      "chore(main): release 1.2.0",
      "chore(release): 1.1.0",
      "fix(deps): update lodash",
      "feat: topic",
    ]);
    if (!merge) throw new Error("fixture");
    merge.parents = ["a", "b"];
    const bot = rest[4] as GitCommit;
    bot.authorName = "renovate[bot]";
    expect(subjects([merge, ...rest])).toEqual(["feat: topic"]);
  });

  it("a squash commit keeps its subject and PR number; GitHub's `* type:` bullets add nothing", () => {
    const message = [
      "feat: checkout flow (#42)",
      "",
      "* feat(cart): add coupons",
      "",
      "* fix(cart): round totals",
      "",
      "---------",
      "",
      "Co-authored-by: Bob <bob@example.com>",
    ].join("\n");
    const { entries } = entriesForRelease(commitsOf([message]), config);
    expect(entries.map((entry) => [entry.type, entry.subject, entry.pr])).toEqual([
      ["feat", "checkout flow (#42)", 42],
    ]);
  });

  it("conventional paragraphs and footers in the body are entries of their own; other footers are not", () => {
    const message = [
      "fix: do not import the whole library (#501)",
      "",
      "fix: use library v3.3.0",
      "Source-Link: https://example.com/commit/abc",
      "",
      "chore!: drop Node 16",
      "feat(deps): update parser",
    ].join("\n");
    expect(subjects(commitsOf([message]))).toEqual([
      "fix: do not import the whole library (#501)",
      "chore: drop Node 16",
      "feat: update parser",
      "fix: use library v3.3.0",
    ]);
  });

  it("only footers (`Fixes #12`, `Refs: #3`) are references; other repositories' issues are not", () => {
    const message = [
      "fix: parse dates (#9)",
      "",
      "Closes googleapis/other#77 and relates to #5 in prose.",
      "",
      "Fixes #12",
      "Refs: #3",
    ].join("\n");
    const [entry] = entriesForRelease(commitsOf([message]), config).entries;
    expect(entry?.references).toEqual([
      { number: 12, action: "Fixes" },
      { number: 3, action: "Refs" },
    ]);
  });

  it('a message the grammar rejects yields nothing (git\'s `Revert "…"`, merge titles, unclosed scopes)', () => {
    expect(
      subjects(
        commitsOf([
          'Revert "feat: search"\n\nThis reverts commit 0123456789abcdef0123456789abcdef01234567.',
          "Update README.md",
          "fix(api: missing parenthesis",
        ]),
      ),
    ).toEqual([]);
  });

  it("breaking changes: `!`, a BREAKING CHANGE paragraph (one line) and a footer (the last wins)", () => {
    const breaking = (message: string) =>
      entriesForRelease(commitsOf([message]), config).entries.at(-1)?.breaking;
    expect(breaking("feat!: drop Node 18 (#20)")).toEqual(["drop Node 18 (#20)"]);
    expect(
      breaking(
        "feat: new API\n\nBREAKING CHANGE: `--name` is required\nnow, no default\n\nMore text.",
      ),
    ).toEqual(["`--name` is required now, no default"]);
    expect(breaking("feat: x\n\nBREAKING CHANGE: gone:\n* `a()`\n* `b()`\n\nAfter.")).toEqual([
      "gone:\n    * `a()`\n    * `b()`",
    ]);
    expect(breaking("feat!: x\n\nBREAKING CHANGE: the footer says so")).toEqual([
      "the footer says so",
    ]);
  });

  it("a hostile message is read in linear time (long footer runs, many paragraphs, long lines)", () => {
    const messages = [
      `fix: a\n\n${"Token: v\n".repeat(20_000)}not a footer`,
      `fix: b\n\n${"fix: c\n\n".repeat(5_000)}`,
      `fix(${"(".repeat(50_000)}`,
      `fix: ${"a(".repeat(50_000)}\n\n${"x".repeat(100_000)}`,
      `chore(main): release ${" 1".repeat(50_000)}`,
    ];
    const started = performance.now();
    entriesForRelease(commitsOf(messages), config);
    expect(performance.now() - started).toBeLessThan(1_500);
  });

  it("Release-As and BEGIN_NESTED_COMMIT blocks", () => {
    const [entry] = entriesForRelease(
      commitsOf(["chore: release 5.0.0\n\nRelease-As: 5.0.0"]),
      config,
    ).entries.filter((each) => each.type === "chore");
    expect(entry?.releaseAs).toBe("5.0.0");
    expect(
      subjects(
        commitsOf([
          "fix: outer\n\nBEGIN_NESTED_COMMIT\nfeat(api): inner one\nEND_NESTED_COMMIT\nBEGIN_NESTED_COMMIT\nfix: inner two\nEND_NESTED_COMMIT",
        ]),
      ),
    ).toEqual(["fix: outer", "feat: inner one", "fix: inner two"]);
  });

  it("the conventional-changelog style reads one entry per commit, references anywhere", () => {
    const classic = releaseNotesConfigSchema.parse({ style: "conventional-changelog" });
    const message = "fix: use library v3 (#5)\n\nfix: another line\n\nCloses #4, closes #6";
    const { entries } = entriesForRelease(commitsOf([message]), classic);
    expect(entries.map((entry) => entry.subject)).toEqual(["use library v3 (#5)"]);
    expect(entries[0]?.references.map((ref) => ref.number).sort()).toEqual([4, 5, 6]);
  });
});

describe("reverts", () => {
  const classic = releaseNotesConfigSchema.parse({ style: "conventional-changelog" });
  const classicSubjects = (commits: GitCommit[]) =>
    entriesForRelease(commits, classic).entries.map((entry) => `${entry.type}: ${entry.subject}`);

  it("release-please style lists a `revert:` commit and keeps its target", () => {
    const [feat] = commitsOf(["feat(api): stream"]);
    const [revert] = commitsOf(
      [`revert: feat(api): stream\n\nRefs: ${feat?.hash.slice(0, 8)}`],
      "r",
    );
    expect(subjects([revert, feat] as GitCommit[])).toEqual([
      "revert: feat(api): stream",
      "feat: stream",
    ]);
  });

  it("a git revert and the commit it reverts, both in the release, disappear", () => {
    const [feat, fix] = commitsOf(["feat: search", "fix: crash"]);
    const [revert] = commitsOf(
      [`Revert "feat: search"\n\nThis reverts commit ${feat?.hash}.`],
      "r",
    );
    expect(classicSubjects([revert, fix, feat] as GitCommit[])).toEqual(["fix: crash"]);
  });

  it("a `revert:` commit with a Refs footer cancels its target", () => {
    const [feat] = commitsOf(["feat(api): stream"]);
    const [revert] = commitsOf(
      [`revert: feat(api): stream\n\nRefs: ${feat?.hash.slice(0, 8)}`],
      "r",
    );
    expect(classicSubjects([revert, feat] as GitCommit[])).toEqual([]);
  });

  it("a revert whose target shipped in an earlier release is listed under Reverts", () => {
    const [revert] = commitsOf([
      'Revert "feat: old thing"\n\nThis reverts commit 0123456789abcdef0123456789abcdef01234567.',
    ]);
    expect(classicSubjects(revert ? [revert] : [])).toEqual(['revert: Revert "feat: old thing"']);
  });

  it("reverting a revert brings the original back", () => {
    const [feat] = commitsOf(["feat: flag"]);
    const [revert] = commitsOf([`Revert "feat: flag"\n\nThis reverts commit ${feat?.hash}.`], "r1");
    const [again] = commitsOf(
      [`Revert "Revert "feat: flag""\n\nThis reverts commit ${revert?.hash}.`],
      "r2",
    );
    expect(classicSubjects([again, revert, feat] as GitCommit[])).toEqual(["feat: flag"]);
  });
});

describe("overrides kept in the repository", () => {
  const [feat, fix, chore] = commitsOf(["feat: thingy", "fix: oops", "chore: rename internals"]);
  const file = [
    `${feat?.hash.slice(0, 7)}:`,
    "  subject: Add the Thingy widget",
    `${fix?.hash}:`,
    "  hide: true",
    `${chore?.hash.slice(0, 10)}:`,
    "  type: refactor",
    "  breaking: internal module paths changed",
  ].join("\n");

  it("reword, hide and re-type entries by commit sha", () => {
    const parsed = parseOverrides(file, ".github/release-notes-overrides.yml");
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const { entries } = entriesForRelease(
      [feat, fix, chore] as GitCommit[],
      config,
      parsed.overrides,
    );
    expect(entries.map((entry) => [entry.type, entry.subject, entry.breaking])).toEqual([
      ["feat", "Add the Thingy widget", []],
      ["refactor", "rename internals", ["internal module paths changed"]],
    ]);
  });

  it("a bad overrides file names the file, line and key", () => {
    const result = parseOverrides(
      "abc1234:\n  hide: yes please\nnot-a-sha:\n  hide: true\n",
      ".github/o.yml",
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((problem) => [problem.line, problem.key])).toEqual([
      [1, "abc1234.hide"],
      [3, "not-a-sha"],
    ]);
  });
});
