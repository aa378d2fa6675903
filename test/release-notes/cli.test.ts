// `upkeep release-notes` run as a process against a real git history full of edge cases.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { startSandbox } from "../../sandbox/index.ts";
import { runUpkeep } from "../support/run-cli.ts";
import { ALICE, BOB, GitFixture, RENOVATE } from "./git-fixture.ts";

let repo: GitFixture;
const sha: Record<string, string> = {};

beforeAll(() => {
  repo = new GitFixture();
  repo.write(
    "package.json",
    JSON.stringify({ name: "octo", repository: "git+https://github.com/octo-org/octo-repo.git" }),
  );
  repo.write(".github/upkeep.yml", "releaseNotes:\n  botAuthors: ['renovate[bot]']\n");
  repo.commit("chore: init");
  sha.legacy = repo.commit("feat: legacy export");
  repo.tag("v1.0.0", true);
  // A hotfix line tagged elsewhere must not become this branch's base.
  repo.git("checkout", "-q", "-b", "hotfix");
  repo.commit("fix: hotfix only on the branch");
  repo.tag("v1.0.1");
  repo.tag("v9.9.9");
  repo.git("checkout", "-q", "main");
  sha.search = repo.commit("feat(api): add search (#10)");
  sha.nospace = repo.commit("fix(core):handle null ids");
  sha.crlf = repo.commit("fix(ui): dark mode contrast\r\n\r\nCloses #7\r\n");
  sha.flag = repo.commit("feat: experimental flag");
  repo.commit(`Revert "feat: experimental flag"\n\nThis reverts commit ${sha.flag}.`);
  repo.commit(`Revert "feat: legacy export"\n\nThis reverts commit ${sha.legacy}.`);
  repo.commit("fixup! fix(ui): dark mode contrast");
  repo.commit("fix(deps): bump lodash", RENOVATE);
  repo.git("checkout", "-q", "-b", "topic");
  sha.topic = repo.commit("feat(topic): topic feature", BOB);
  repo.git("checkout", "-q", "main");
  repo.mergePullRequest("topic", 11, "feat(topic): topic feature");
  repo.commit("perf: cache parsed configs\n\nSigned-off-by: Alice <alice@example.com>");
}, 60_000);

const lines = (text: string) => text.split("\n").filter(Boolean);

describe("upkeep release-notes", () => {
  it("prints the next section from the latest tag reachable from HEAD", async () => {
    const run = await runUpkeep(["release-notes", "--date", "2025-06-01"], { cwd: repo.dir });
    expect(run.exitCode, run.stderr).toBe(0);
    const out = lines(run.stdout);
    expect(out[0]).toBe(
      "## [1.1.0](https://github.com/octo-org/octo-repo/compare/v1.0.0...v1.1.0) (2025-06-01)",
    );
    expect(out.filter((line) => line.startsWith("### "))).toEqual([
      "### Features",
      "### Bug Fixes",
      "### Performance Improvements",
    ]);
    const entries = out
      .filter((line) => line.startsWith("* "))
      .map((line) => line.replace(/ \(\[[0-9a-f]{7}\]\(.*$/, ""));
    // release-please's reading: git's `Revert "…"` messages are not conventional commits, so
    // they are neither listed nor cancel what they revert.
    expect(entries).toEqual([
      "* **api:** add search ([#10](https://github.com/octo-org/octo-repo/issues/10))",
      "* experimental flag",
      "* **topic:** topic feature",
      "* **core:** handle null ids",
      "* **ui:** dark mode contrast",
      "* cache parsed configs",
    ]);
    expect(run.stdout).toContain("closes [#7](https://github.com/octo-org/octo-repo/issues/7)");
    expect(run.stdout).not.toContain("hotfix");
    expect(run.stderr).toContain(
      `warning: ${sha.nospace?.slice(0, 7)}: header "fix(core):handle null ids" has no space`,
    );
  });

  it("the conventional-changelog style, chosen in the config, cancels reverts and lists old ones", async () => {
    repo.write(
      "classic.yml",
      "releaseNotes:\n  style: conventional-changelog\n  botAuthors: ['renovate[bot]']\n",
    );
    const run = await runUpkeep(
      ["release-notes", "--date", "2025-06-01", "--config", "classic.yml"],
      { cwd: repo.dir },
    );
    expect(run.exitCode, run.stderr).toBe(0);
    const out = lines(run.stdout);
    expect(out.filter((line) => line.startsWith("### "))).toEqual([
      "### Features",
      "### Bug Fixes",
      "### Performance Improvements",
      "### Reverts",
    ]);
    const entries = out
      .filter((line) => line.startsWith("* "))
      .map((line) => line.replace(/ \(\[[0-9a-f]{7}\]\(.*$/, ""));
    expect(entries).toEqual([
      "* **api:** add search ([#10](https://github.com/octo-org/octo-repo/issues/10))",
      "* **topic:** topic feature",
      "* **core:** handle null ids",
      "* **ui:** dark mode contrast",
      "* cache parsed configs",
      '* Revert "feat: legacy export"',
    ]);
    expect(run.stdout).not.toContain("experimental flag");
  });

  it("the bundled CLI users install prints the same section", async () => {
    const source = await runUpkeep(["release-notes", "--date", "2025-06-01"], { cwd: repo.dir });
    const bundled = await runUpkeep(["release-notes", "--date", "2025-06-01"], {
      cwd: repo.dir,
      entry: "dist",
    });
    expect(bundled.exitCode, bundled.stderr).toBe(0);
    expect(bundled.stdout).toBe(source.stdout);
  });

  it("--format json gives the version, bump, entries and contributors with first-timers", async () => {
    const run = await runUpkeep(["release-notes", "--format", "json"], { cwd: repo.dir });
    expect(run.exitCode, run.stderr).toBe(0);
    const context = JSON.parse(run.stdout);
    expect(context).toMatchObject({
      version: "1.1.0",
      tag: "v1.1.0",
      previousTag: "v1.0.0",
      bump: "minor",
    });
    expect(context.entries.map((entry: { hash: string }) => entry.hash)).toContain(sha.topic);
    const people = context.contributors.map((person: { name: string; firstTime: boolean }) => [
      person.name,
      person.firstTime,
    ]);
    expect(people).toEqual([
      [ALICE.name, false],
      [BOB.name, true],
    ]);
  });

  it("--from and --to pick any range; a tag on HEAD regenerates that release", async () => {
    const run = await runUpkeep(
      [
        "release-notes",
        "--from",
        sha.search as string,
        "--to",
        sha.crlf as string,
        "--format",
        "json",
      ],
      { cwd: repo.dir },
    );
    const context = JSON.parse(run.stdout);
    expect(context.entries.map((entry: { subject: string }) => entry.subject)).toEqual([
      "dark mode contrast",
      "handle null ids",
    ]);
    expect(context.version).toBe("1.0.1");
  });

  it("an explicit --to tag names the section and gives its date, whatever the commits call for", async () => {
    const span = new GitFixture();
    span.write("package.json", JSON.stringify({ repository: "octo-org/span" }));
    span.commit("feat: base");
    span.tag("v9.1.0");
    span.commit("feat!: new engine");
    span.tag("v10.0.0");
    span.commit("fix: engine warm-up");
    span.tag("v11.0.0", true);
    const tagged = span.git("for-each-ref", "--format=%(creatordate:short)", "refs/tags/v11.0.0");
    const run = await runUpkeep(["release-notes", "--from", "v9.1.0", "--to", "v11.0.0"], {
      cwd: span.dir,
    });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(lines(run.stdout)[0]).toBe(
      `## [11.0.0](https://github.com/octo-org/span/compare/v9.1.0...v11.0.0) (${tagged.trim()})`,
    );
    expect(run.stdout).toContain("* new engine");
    expect(run.stdout).toContain("* engine warm-up");
  });

  it("a tag prefix selects that package's tags", async () => {
    const mono = new GitFixture();
    mono.commit("feat: one");
    mono.tag("pkg-a-v0.3.0");
    mono.tag("v5.0.0");
    mono.commit("feat!: two");
    const run = await runUpkeep(["release-notes", "--tag-prefix", "pkg-a-v", "--format", "json"], {
      cwd: mono.dir,
    });
    expect(JSON.parse(run.stdout)).toMatchObject({
      previousTag: "pkg-a-v0.3.0",
      version: "0.4.0",
      tag: "pkg-a-v0.4.0",
      bump: "major",
    });
  });

  it("a stable release after release candidates covers everything since the last stable tag", async () => {
    const rc = new GitFixture();
    rc.commit("feat: base");
    rc.tag("v1.0.0");
    rc.commit("feat: search");
    rc.tag("v1.1.0-rc.1");
    rc.commit("fix: search paging");
    const json = async (...args: string[]) =>
      JSON.parse(
        (await runUpkeep(["release-notes", "--format", "json", ...args], { cwd: rc.dir })).stdout,
      );
    const stable = await json();
    expect(stable).toMatchObject({ version: "1.1.0", previousTag: "v1.0.0" });
    expect(stable.entries.map((entry: { subject: string }) => entry.subject)).toEqual([
      "search paging",
      "search",
    ]);
    const candidate = await json("--prerelease", "rc");
    expect(candidate).toMatchObject({ version: "1.1.0-rc.2", previousTag: "v1.1.0-rc.1" });
    expect(candidate.entries.map((entry: { subject: string }) => entry.subject)).toEqual([
      "search paging",
    ]);
  });

  it("--changelog prepends the section once, however often it runs", async () => {
    writeFileSync(
      join(repo.dir, "CHANGELOG.md"),
      "# Changelog\n\n## [1.0.0](https://x) (2025-01-01)\n\n* first\n",
    );
    for (let run = 0; run < 2; run++) {
      const result = await runUpkeep(
        ["release-notes", "--changelog", "CHANGELOG.md", "--date", "2025-06-01"],
        { cwd: repo.dir },
      );
      expect(result.exitCode, result.stderr).toBe(0);
    }
    const changelog = readFileSync(join(repo.dir, "CHANGELOG.md"), "utf8");
    expect(changelog.match(/^## \[1\.1\.0\]/gm)).toHaveLength(1);
    expect(changelog.indexOf("## [1.1.0]")).toBeLessThan(changelog.indexOf("## [1.0.0]"));
  });

  it("--notes patch and enhancement give the maintenance plan's renderings", async () => {
    const patch = await runUpkeep(["release-notes", "--notes", "patch"], { cwd: repo.dir });
    expect(patch.stdout).toContain("## 1.1.0 patch release notes");
    expect(patch.stdout).toContain("Affected components: core, ui");
    const enhancement = await runUpkeep(["release-notes", "--notes", "enhancement"], {
      cwd: repo.dir,
    });
    expect(enhancement.stdout).toContain("topic feature");
    expect(enhancement.stdout).not.toContain("dark mode");
  });

  it("a broken overrides file stops with its file and line", async () => {
    const broken = new GitFixture();
    broken.commit("fix: a");
    broken.write(".github/release-notes-overrides.yml", "abc1234:\n  hidden: true\n");
    const run = await runUpkeep(["release-notes"], { cwd: broken.dir });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(
      ".github/release-notes-overrides.yml:1 at abc1234: unknown key(s) hidden",
    );
  });

  it("JSON entries say which section lists them; hidden types have none", async () => {
    const hidden = new GitFixture();
    hidden.commit("docs: guide");
    hidden.commit("feat(cli): flag");
    const context = JSON.parse(
      (await runUpkeep(["release-notes", "--format", "json"], { cwd: hidden.dir })).stdout,
    );
    expect(
      context.entries.map((entry: { subject: string; section: string | null }) => [
        entry.subject,
        entry.section,
      ]),
    ).toEqual([
      ["flag", "Features"],
      ["guide", null],
    ]);
  });

  it("a bad releaseNotes section in the config names the file, key and line", async () => {
    const bad = new GitFixture();
    bad.commit("fix: a");
    bad.write(
      ".github/upkeep.yml",
      "releaseNotes:\n  tagPrefix: v\n  preMajorBreakingBumps: patch\n",
    );
    const run = await runUpkeep(["release-notes"], { cwd: bad.dir });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(
      /\.github\/upkeep\.yml:3:\d+ at releaseNotes\.preMajorBreakingBumps: /,
    );
  });

  it("with only hidden changes there is nothing to release", async () => {
    const quiet = new GitFixture();
    quiet.commit("feat: first");
    quiet.tag("v1.0.0");
    quiet.commit("chore: tidy");
    const run = await runUpkeep(["release-notes"], { cwd: quiet.dir });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("nothing to release since v1.0.0");
  });

  it("outside a git repository it says so", async () => {
    const run = await runUpkeep(["release-notes", "--repo", "/"], {});
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("is not a git repository");
  });

  it("a ref is never taken for a git option", async () => {
    const run = await runUpkeep(["release-notes", "--all", "--to=--output=/tmp/upkeep-injected"], {
      cwd: repo.dir,
    });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("--to --output=/tmp/upkeep-injected: no such commit or tag");
  });

  it("bad options are usage errors", async () => {
    const run = await runUpkeep(["release-notes", "--format", "xml"], { cwd: repo.dir });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("--format must be markdown or json");
  });
});

describe("BEGIN_COMMIT_OVERRIDE in a pull request's description", () => {
  const overridden = () => {
    const local = new GitFixture();
    local.git("remote", "add", "origin", "https://github.com/octo-org/overrides.git");
    local.commit("feat: base");
    local.tag("v1.0.0");
    local.commit("chore(deps): bump brace-expansion (#1)");
    local.commit("fix: plain fix (#2)");
    return local;
  };
  const body =
    "Bumps it.\n\nBEGIN_COMMIT_OVERRIDE\nfix(deps): bump brace-expansion to 5.0.8\nEND_COMMIT_OVERRIDE";

  it("--pull-requests gives the descriptions offline; the override replaces the commit message", async () => {
    const local = overridden();
    local.write(
      "pulls.json",
      JSON.stringify([
        { number: 1, body },
        { number: 2, body: "No override." },
      ]),
    );
    const run = await runUpkeep(
      ["release-notes", "--date", "2025-06-01", "--pull-requests", "pulls.json"],
      { cwd: local.dir },
    );
    expect(run.exitCode, run.stderr).toBe(0);
    const entries = lines(run.stdout)
      .filter((line) => line.startsWith("* "))
      .map((line) => line.replace(/ \(\[[0-9a-f]{7}\]\(.*$/, ""));
    expect(entries).toEqual([
      "* **deps:** bump brace-expansion to 5.0.8",
      "* plain fix ([#2](https://github.com/octo-org/overrides/issues/2))",
    ]);
  });

  it("with a GitHub token the next release reads the descriptions from the API", async () => {
    const sandbox = await startSandbox();
    try {
      sandbox.addRepo("octo-org/overrides");
      sandbox.addUser("maintainer");
      const maintainer = sandbox.as("maintainer");
      expect(await maintainer.openPullRequest("octo-org/overrides", { title: "bump", body })).toBe(
        1,
      );
      await maintainer.openPullRequest("octo-org/overrides", { title: "fix", body: "Plain." });
      const local = overridden();
      const env = { GITHUB_TOKEN: sandbox.createToken("maintainer"), GITHUB_API_URL: sandbox.url };
      const run = await runUpkeep(["release-notes", "--format", "json"], { cwd: local.dir, env });
      expect(run.exitCode, run.stderr).toBe(0);
      const context = JSON.parse(run.stdout);
      expect(context.entries.map((entry: { subject: string }) => entry.subject)).toEqual([
        "plain fix (#2)",
        "bump brace-expansion to 5.0.8",
      ]);
      sandbox.assertValid();
    } finally {
      await sandbox.close();
    }
  }, 60_000);

  it("a --pull-requests file of the wrong shape is a usage error naming the file and entry", async () => {
    const local = overridden();
    local.write("pulls.json", JSON.stringify([{ number: "one", body: "x" }]));
    const run = await runUpkeep(["release-notes", "--pull-requests", "pulls.json"], {
      cwd: local.dir,
    });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("--pull-requests pulls.json at [0].number");
    const folder = await runUpkeep(["release-notes", "--pull-requests", ".git"], {
      cwd: local.dir,
    });
    expect(folder.exitCode).toBe(2);
    expect(folder.stderr).toContain("--pull-requests .git: not a regular file");
  });
});

describe("upkeep release-notes with a GitHub token", () => {
  it("shows contributors by their GitHub handles, looked up once per author", async () => {
    const sandbox = await startSandbox();
    try {
      sandbox.addRepo("octo-org/handles");
      sandbox.addUser("bob-newcomer");
      const local = new GitFixture();
      local.git("remote", "add", "origin", "https://github.com/octo-org/handles.git");
      local.commit("feat: base");
      local.tag("v1.0.0");
      const first = local.commit("fix: one", BOB);
      const second = local.commit("fix: two", BOB);
      for (const sha of [first, second])
        sandbox.addCommit("octo-org/handles", { sha, message: "fix", author: "bob-newcomer" });
      sandbox.resetRequests();
      const env = {
        GITHUB_TOKEN: sandbox.createToken("bob-newcomer"),
        GITHUB_API_URL: sandbox.url,
      };
      const run = await runUpkeep(["release-notes", "--format", "json"], { cwd: local.dir, env });
      expect(run.exitCode, run.stderr).toBe(0);
      const people = JSON.parse(run.stdout).contributors;
      expect(people).toMatchObject([{ login: "bob-newcomer", commits: 2, firstTime: true }]);
      expect(sandbox.requests.filter((request) => request.path.includes("/commits/"))).toHaveLength(
        1,
      );
      const offline = await runUpkeep(["release-notes", "--format", "json", "--offline"], {
        cwd: local.dir,
        env,
      });
      expect(JSON.parse(offline.stdout).contributors[0].login).toBeUndefined();
      sandbox.assertValid();
    } finally {
      await sandbox.close();
    }
  }, 60_000);
});
