import { describe, expect, it } from "vitest";
import type { GitCommit } from "../../core/release-notes/commit.ts";
import { releaseNotesConfigSchema } from "../../core/release-notes/config.ts";
import { splitIntoReleases } from "../../core/release-notes/history.ts";

const config = releaseNotesConfigSchema.parse({});

function commit(hash: string, message: string, parents: string[], tags?: string[]): GitCommit {
  return {
    hash,
    parents,
    message,
    tags,
    authorName: "A",
    authorEmail: "a@example.com",
    date: "2025-01-01T00:00:00Z",
  };
}

const subjectsByRelease = async (commits: GitCommit[]) =>
  (await splitIntoReleases(commits, config)).map((release) => [
    release.tag?.name ?? "unreleased",
    release.entries.map((entry) => entry.subject),
  ]);

describe("splitting a history into releases", () => {
  it("a commit belongs to the oldest release that contains it, merges included", async () => {
    // a ← b(v1.0.0) ← c ← m(v1.1.0, merges d) ← e ; d branched from b
    const history = [
      commit("e", "fix: e", ["m"]),
      commit("m", "Merge pull request #2 from x/d", ["c", "d"], ["v1.1.0"]),
      commit("d", "feat: d", ["b"]),
      commit("c", "feat: c", ["b"]),
      commit("b", "fix: b", ["a"], ["v1.0.0"]),
      commit("a", "feat: a", []),
    ];
    expect(await subjectsByRelease(history)).toEqual([
      ["unreleased", ["e"]],
      ["v1.1.0", ["d", "c"]],
      ["v1.0.0", ["b", "a"]],
    ]);
  });

  it("a parent listed before its child (skewed clocks) still lands in the right release", async () => {
    const history = [
      commit("b", "fix: b", ["a"], ["v1.0.0"]),
      commit("x", "feat: x", ["b"]),
      commit("y", "feat: y", ["x"], ["v2.0.0"]),
      commit("a", "feat: a", []),
    ];
    // git's date order printed x before its child y (y's committer clock was behind).
    const skewed = [history[1], history[2], history[0], history[3]] as GitCommit[];
    expect(await subjectsByRelease(skewed)).toEqual([
      ["v2.0.0", ["y", "x"]],
      ["v1.0.0", ["b", "a"]],
    ]);
  });

  it("a hotfix tag on a maintenance branch keeps its own commits", async () => {
    const history = [
      commit("f", "feat: main work", ["b"], ["v1.1.0"]),
      commit("h", "fix: hotfix", ["b"], ["v1.0.1"]),
      commit("b", "feat: base", [], ["v1.0.0"]),
    ];
    expect(await subjectsByRelease(history)).toEqual([
      ["v1.1.0", ["main work"]],
      ["v1.0.1", ["hotfix"]],
      ["v1.0.0", ["base"]],
    ]);
  });
});
