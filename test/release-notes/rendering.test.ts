import { describe, expect, it } from "vitest";
import { prependSection } from "../../core/release-notes/changelog-file.ts";
import type { GitCommit } from "../../core/release-notes/commit.ts";
import { releaseNotesConfigSchema } from "../../core/release-notes/config.ts";
import { contributorsOf } from "../../core/release-notes/contributors.ts";
import { parseRepositoryUrl, repositoryFromPackageJson } from "../../core/release-notes/links.ts";
import { planRelease } from "../../core/release-notes/release.ts";
import { commitsOf } from "./commits.ts";

const config = releaseNotesConfigSchema.parse({});
const repository = { host: "https://github.com", owner: "octo-org", repo: "octo-repo" };
const previous = { name: "v1.4.0", version: "1.4.0", hash: "0".repeat(40) };

describe("repository URLs for links", () => {
  it.each([
    "https://github.com/octo-org/octo-repo",
    "https://github.com/octo-org/octo-repo.git",
    "git+https://github.com/octo-org/octo-repo.git",
    "git@github.com:octo-org/octo-repo.git",
    "ssh://git@github.com/octo-org/octo-repo.git",
    "github:octo-org/octo-repo",
    "octo-org/octo-repo",
  ])("%s", (url) => {
    expect(parseRepositoryUrl(url)).toEqual(repository);
  });

  it("keeps a GitHub Enterprise host", () => {
    expect(parseRepositoryUrl("git@ghe.example.com:team/app.git")).toEqual({
      host: "https://ghe.example.com",
      owner: "team",
      repo: "app",
    });
  });

  it("reads package.json's repository as a string or an object", () => {
    expect(
      repositoryFromPackageJson(
        '{"repository":{"type":"git","url":"git+https://github.com/a/b.git"}}',
      ),
    ).toBe("git+https://github.com/a/b.git");
    expect(repositoryFromPackageJson('{"repository":"a/b"}')).toBe("a/b");
    expect(repositoryFromPackageJson("not json")).toBeUndefined();
  });
});

describe("the changelog section", () => {
  const commits = commitsOf([
    "feat(api)!: drop v1 endpoints (#30)",
    "fix: crash on empty input, see octo-org/other#3\n\nCloses #12",
    "fix(auth): refresh tokens",
    "feat: export CSV (#31)",
    "docs: typo",
    "perf(db): batch writes",
  ]);
  const plan = planRelease({ commits, previous, config, repository, date: "2025-03-01" });
  const lines = plan.markdown.split("\n").filter(Boolean);

  it("bumps, names the tag and links the compare view", () => {
    expect(plan).toMatchObject({
      version: "2.0.0",
      tag: "v2.0.0",
      bump: "major",
      previousTag: "v1.4.0",
    });
    expect(lines[0]).toBe(
      "## [2.0.0](https://github.com/octo-org/octo-repo/compare/v1.4.0...v2.0.0) (2025-03-01)",
    );
  });

  it("orders sections like the conventionalcommits preset, entries by scope then subject", () => {
    expect(lines.filter((line) => line.startsWith("###"))).toEqual([
      "### ⚠ BREAKING CHANGES",
      "### Features",
      "### Bug Fixes",
      "### Performance Improvements",
    ]);
    const features = lines.slice(lines.indexOf("### Features") + 1, lines.indexOf("### Bug Fixes"));
    expect(features.map((line) => line.slice(0, 30))).toEqual([
      "* **api:** drop v1 endpoints (",
      "* export CSV ([#31](https://gi",
    ]);
    expect(lines).not.toContain("### Documentation");
  });

  it("links pull requests (as issues, like release-please), issues in other repositories, closing footers and commits", () => {
    const [fix] = commits.slice(1, 2);
    const line = lines.find((text) => text.startsWith("* crash on empty input"));
    expect(line).toBe(
      `* crash on empty input, see [octo-org/other#3](https://github.com/octo-org/other/issues/3) ([${fix?.hash.slice(0, 7)}](https://github.com/octo-org/octo-repo/commit/${fix?.hash})), closes [#12](https://github.com/octo-org/octo-repo/issues/12)`,
    );
    expect(lines.find((text) => text.startsWith("* export CSV"))).toContain(
      "[#31](https://github.com/octo-org/octo-repo/issues/31)",
    );
  });

  it("patch notes list fixes with their components; enhancement notes list features", () => {
    expect(plan.patchNotes).toContain("### Bug fixes");
    expect(plan.patchNotes).toContain("Affected components: auth");
    expect(plan.patchNotes).not.toContain("export CSV");
    expect(plan.enhancementNotes).toContain("export CSV");
    expect(plan.enhancementNotes).not.toContain("refresh tokens");
  });

  it("security fixes are called out with their advisories", () => {
    const security = planRelease({
      commits: commitsOf(["fix(deps): bump tar\n\nFixes CVE-2024-28863"]),
      previous,
      config,
      date: "2025-03-01",
    });
    expect(security.patchNotes).toMatch(
      /### Security fixes\n\n\* \*\*deps:\*\* bump tar \w{7} \(CVE-2024-28863\)/,
    );
  });

  it("a `security:` commit is listed under Security Fixes and in the patch notes", () => {
    const plan = planRelease({
      commits: commitsOf(["security(auth): constant-time token compare"]),
      previous,
      config,
      date: "2025-03-01",
    });
    expect(plan.bump).toBe("patch");
    expect(plan.markdown).toContain(
      "### Security Fixes\n\n* **auth:** constant-time token compare",
    );
    expect(plan.patchNotes).toContain(
      "### Security fixes\n\n* **auth:** constant-time token compare",
    );
  });

  it("without a repository URL the notes carry plain text instead of links", () => {
    const plain = planRelease({
      commits: commitsOf(["fix: a (#4)"]),
      previous,
      config,
      date: "2025-03-01",
    });
    expect(plain.markdown).toMatch(
      /^## 1\.4\.1 \(2025-03-01\)\n\n### Bug Fixes\n\n\* a \(#4\) [0-9a-f]{7}\n$/,
    );
  });
});

describe("CHANGELOG.md", () => {
  const section =
    "## [1.1.0](https://x/compare/v1.0.0...v1.1.0) (2025-03-01)\n\n### Features\n\n* b\n";
  const existing =
    "# Changelog\n\nAll notable changes.\n\n## [1.0.0](https://x) (2025-01-01)\n\n### Features\n\n* a\n";

  it("puts the new section above the previous releases, under the preamble", () => {
    const updated = prependSection(existing, section, "1.1.0");
    expect(updated.indexOf("## [1.1.0]")).toBeGreaterThan(updated.indexOf("All notable changes."));
    expect(updated.indexOf("## [1.1.0]")).toBeLessThan(updated.indexOf("## [1.0.0]"));
  });

  it("running twice does not duplicate the section; a regenerated one replaces it", () => {
    const once = prependSection(existing, section, "1.1.0");
    expect(prependSection(once, section, "1.1.0")).toBe(once);
    const reworded = prependSection(once, section.replace("* b", "* b, reworded"), "1.1.0");
    expect(reworded.match(/## \[1\.1\.0\]/g)).toHaveLength(1);
    expect(reworded).toContain("* b, reworded");
    expect(reworded).toContain("## [1.0.0]");
  });

  it("a missing file gets a title", () => {
    expect(prependSection(undefined, section, "1.1.0")).toBe(`# Changelog\n\n${section}`);
  });
});

describe("contributors", () => {
  it("lists authors and co-authors, leaves bots and mergers out and marks first-timers", () => {
    const commits = [
      ...commitsOf(["fix: a\n\nCo-authored-by: Carol <carol@example.com>"], "1", {
        name: "Bob",
        email: "bob@example.com",
      }),
      ...commitsOf(["chore(deps): bump"], "2", {
        name: "dependabot[bot]",
        email: "49699333+dependabot[bot]@users.noreply.github.com",
      }),
      ...commitsOf(["feat: b"], "3", { name: "Alice", email: "alice@example.com" }),
      {
        ...commitsOf(["Merge pull request #4 from x/y"], "4", {
          name: "Merger",
          email: "m@example.com",
        })[0],
        parents: ["a", "b"],
      } as GitCommit,
    ];
    const people = contributorsOf(commits, {
      knownBefore: new Set(["alice@example.com"]),
      logins: new Map([[commits[0]?.hash as string, "bobby"]]),
    });
    expect(people.map((person) => [person.login ?? person.name, person.firstTime])).toEqual([
      ["Alice", false],
      ["bobby", true],
      ["Carol", true],
    ]);
  });
});
