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

  it("GitHub's default squash body yields one entry per conventional bullet, each linked to the PR", () => {
    const message = [
      "feat: checkout flow (#42)",
      "",
      "* feat(cart): add coupons",
      "",
      "* fix(cart): round totals",
      "  to cents",
      "",
      "* wip",
      "",
      "---------",
      "",
      "Co-authored-by: Bob <bob@example.com>",
    ].join("\n");
    const { entries } = entriesForRelease(commitsOf([message]), config);
    expect(entries.map((entry) => [entry.type, entry.scope, entry.subject, entry.pr])).toEqual([
      ["feat", "cart", "add coupons", 42],
      ["fix", "cart", "round totals", 42],
    ]);
  });

  it("a squash commit without conventional bullets is one entry", () => {
    expect(subjects(commitsOf(["fix: login (#7)\n\n* tidy\n* more tidy"]))).toEqual([
      "fix: login (#7)",
    ]);
  });
});

describe("reverts", () => {
  it("a git revert and the commit it reverts, both in the release, disappear", () => {
    const [feat, fix] = commitsOf(["feat: search", "fix: crash"]);
    const [revert] = commitsOf(
      [`Revert "feat: search"\n\nThis reverts commit ${feat?.hash}.`],
      "r",
    );
    expect(subjects([revert, fix, feat] as GitCommit[])).toEqual(["fix: crash"]);
  });

  it("a `revert:` commit with a Refs footer cancels its target", () => {
    const [feat] = commitsOf(["feat(api): stream"]);
    const [revert] = commitsOf(
      [`revert: feat(api): stream\n\nRefs: ${feat?.hash.slice(0, 8)}`],
      "r",
    );
    expect(subjects([revert, feat] as GitCommit[])).toEqual([]);
  });

  it("a revert whose target shipped in an earlier release is listed under Reverts", () => {
    const [revert] = commitsOf([
      'Revert "feat: old thing"\n\nThis reverts commit 0123456789abcdef0123456789abcdef01234567.',
    ]);
    expect(subjects(revert ? [revert] : [])).toEqual(['revert: Revert "feat: old thing"']);
  });

  it("reverting a revert brings the original back", () => {
    const [feat] = commitsOf(["feat: flag"]);
    const [revert] = commitsOf([`Revert "feat: flag"\n\nThis reverts commit ${feat?.hash}.`], "r1");
    const [again] = commitsOf(
      [`Revert "Revert "feat: flag""\n\nThis reverts commit ${revert?.hash}.`],
      "r2",
    );
    expect(subjects([again, revert, feat] as GitCommit[])).toEqual(["feat: flag"]);
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
