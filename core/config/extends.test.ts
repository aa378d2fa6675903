import { describe, expect, it } from "vitest";
import { mergeConfigValues, parseExtendsTarget } from "./extends.ts";

const here = { owner: "octo-org", repo: "app" };

describe("_extends targets", () => {
  it.each([
    [".github", { owner: "octo-org", repo: ".github" }],
    ["defaults", { owner: "octo-org", repo: "defaults" }],
    ["Octo-Org/defaults", { owner: "octo-org", repo: "defaults" }],
    ["octo-org/defaults:.github/upkeep.yml", { owner: "octo-org", repo: "defaults" }],
  ])("%s reads that repository's Upkeep config", (value, repo) => {
    expect(parseExtendsTarget(value, here)).toEqual({ ok: true, repo });
  });

  it.each([
    ["secrets:deploy/keys.yml", /only \.github\/upkeep\.yml/],
    ["octo-org/defaults:.github/../../etc/passwd", /only \.github\/upkeep\.yml/],
    ["other-org/.github", /only repositories of octo-org/],
    ["a/b/c", /expected a repository name/],
    ["../x", /expected a repository name/],
    ["", /expected a repository name/],
  ])("%s is refused", (value, message) => {
    const result = parseExtendsTarget(value, here);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it("refuses a value that is not text", () => {
    expect(parseExtendsTarget({ repo: "x" }, here).ok).toBe(false);
  });
});

describe("merging an inherited file", () => {
  it("merges mappings key by key and replaces lists", () => {
    const base = { triage: { labels: { critical: { name: "P0" } }, rules: [{ a: 1 }, { b: 2 }] } };
    const own = { triage: { rules: [{ c: 3 }] } };
    expect(mergeConfigValues(base, own)).toEqual({
      triage: { labels: { critical: { name: "P0" } }, rules: [{ c: 3 }] },
    });
  });
});
