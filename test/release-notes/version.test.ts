import { describe, expect, it } from "vitest";
import {
  type ReleaseNotesConfig,
  releaseNotesConfigSchema,
} from "../../core/release-notes/config.ts";
import { entriesForRelease } from "../../core/release-notes/release.ts";
import {
  bumpOf,
  nextVersion,
  releaseTags,
  versionOfTag,
} from "../../core/release-notes/version.ts";
import { commitsOf } from "./commits.ts";

const config: ReleaseNotesConfig = releaseNotesConfigSchema.parse({});
const bump = (...messages: string[]) =>
  bumpOf(entriesForRelease(commitsOf(messages), config).entries, config);
const options = { preMajorBreakingBumps: "minor" as const, initialVersion: "1.0.0" };

describe("the bump a release's commits call for", () => {
  it.each([
    [["fix: a"], "patch"],
    [["perf: a"], "patch"],
    [["fix: a", "feat: b"], "minor"],
    [["Feat: b"], "minor"],
    [["feat!: b"], "major"],
    [["chore!: drop Node 18"], "major"],
    [["docs: typo\n\nBREAKING CHANGE: docs site moved"], "major"],
    [["docs: typo", "chore: deps", "ci: cache"], "none"],
    [["Update README"], "none"],
    [["wip: half done"], "none"],
    [["security: escape HTML in titles"], "patch"],
  ])("%j → %s", (messages, expected) => {
    expect(bump(...messages)).toBe(expected);
  });

  it("a feature that was reverted in the same release does not bump (conventional-changelog style)", () => {
    const classic = { ...config, style: "conventional-changelog" as const };
    const commits = commitsOf(["fix: small", "feat: big"]);
    const feat = commits[1]?.hash as string;
    const revert = commitsOf([`Revert "feat: big"\n\nThis reverts commit ${feat}.`], "f")[0];
    if (!revert) throw new Error("fixture");
    expect(bumpOf(entriesForRelease([revert, ...commits], classic).entries, classic)).toBe("patch");
  });
});

describe("the next version", () => {
  it.each([
    ["1.2.3", "patch", {}, "1.2.4"],
    ["1.2.3", "minor", {}, "1.3.0"],
    ["1.2.3", "major", {}, "2.0.0"],
    ["0.4.1", "major", {}, "0.5.0"],
    ["0.4.1", "major", { preMajorBreakingBumps: "major" }, "1.0.0"],
    ["0.4.1", "minor", {}, "0.5.0"],
    ["1.3.0-rc.1", "patch", { channel: "rc" }, "1.3.0-rc.2"],
    ["1.3.0-rc.1", "minor", { channel: "rc" }, "1.3.0-rc.2"],
    ["1.3.0-rc.1", "major", { channel: "rc" }, "2.0.0-rc.1"],
    ["1.2.3", "minor", { channel: "beta" }, "1.3.0-beta.1"],
    ["1.3.0-rc.2", "minor", {}, "1.3.0"],
    ["1.2.3", "patch", { releaseAs: "2.0.0" }, "2.0.0"],
    ["1.2.3", "none", { releaseAs: "1.5.0" }, "1.5.0"],
  ] as const)("%s + %s %j → %s", (current, level, extra, expected) => {
    expect(nextVersion(current, level, { ...options, ...extra })).toBe(expected);
  });

  it("no releasable change means no version", () => {
    expect(nextVersion("1.2.3", "none", options)).toBeUndefined();
  });

  it("the first release uses the configured initial version", () => {
    expect(nextVersion(undefined, "minor", options)).toBe("1.0.0");
    expect(nextVersion(undefined, "patch", { ...options, initialVersion: "0.1.0" })).toBe("0.1.0");
  });
});

describe("release tags", () => {
  it.each([
    ["v1.2.3", "v", "1.2.3"],
    ["1.2.3", "", "1.2.3"],
    ["pkg-v1.2.3", "pkg-v", "1.2.3"],
    ["@scope/pkg@1.2.3", "@scope/pkg@", "1.2.3"],
    ["v1.3.0-rc.1", "v", "1.3.0-rc.1"],
    ["pkg-v1.2.3", "", undefined],
    ["vendor-1.0.0", "v", undefined],
    ["v1.2", "v", undefined],
    ["other-v1.2.3", "pkg-v", undefined],
  ])("%s with prefix %j → %s", (tag, prefix, version) => {
    expect(versionOfTag(tag, prefix)).toBe(version);
  });

  it("the highest version wins, whatever the order git lists tags in", () => {
    const tags = [
      { name: "v1.10.0", hash: "a" },
      { name: "v1.9.0", hash: "b" },
      { name: "v2.0.0-rc.1", hash: "c" },
      { name: "nightly", hash: "d" },
    ];
    expect(releaseTags(tags, "v").map((tag) => tag.name)).toEqual([
      "v2.0.0-rc.1",
      "v1.10.0",
      "v1.9.0",
    ]);
  });
});
