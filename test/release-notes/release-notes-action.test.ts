// The release-notes action as the runner runs it: the bundled dist in a subprocess, a real git
// checkout as the workspace, and the GitHub sandbox as the API.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "../../sandbox/index.ts";
import { runAction } from "../support/run-action.ts";
import { REPO_ROOT } from "../support/run-cli.ts";
import { BOB, GitFixture } from "./git-fixture.ts";

const REPO = "octo-org/octo-repo";
let sandbox: Sandbox;
let checkout: GitFixture;

interface RestRelease {
  id: number;
  tag_name: string;
  draft: boolean;
  prerelease: boolean;
  body: string;
  html_url: string;
}

beforeAll(async () => {
  sandbox = await startSandbox();
  sandbox.addRepo(REPO);
  checkout = new GitFixture();
  checkout.git("remote", "add", "origin", "git@github.com:octo-org/octo-repo.git");
  checkout.commit("feat: first");
  checkout.tag("v1.0.0");
  checkout.commit("feat(api): add search (#10)");
  const bobs = checkout.commit("fix: a crash\n\nCloses #3", BOB);
  // GitHub knows Bob's commit as the account bob-newcomer: the notes use the handle.
  sandbox.addUser("bob-newcomer");
  sandbox.addCommit(REPO, {
    sha: bobs,
    message: "fix: a crash",
    author: "bob-newcomer",
    authorEmail: BOB.email,
  });
}, 60_000);

afterAll(async () => {
  sandbox?.assertValid();
  await sandbox?.close();
});

function run(inputs: Record<string, string>) {
  return runAction({
    entry: `${REPO_ROOT}/actions/release-notes/dist/index.js`,
    inputs: {
      token: sandbox.installationToken("octo-org"),
      config: ".github/upkeep.yml",
      to: "HEAD",
      ...inputs,
    },
    eventName: "push",
    repository: REPO,
    apiUrl: sandbox.url,
    workspace: checkout.dir,
  });
}

async function releases(): Promise<RestRelease[]> {
  const response = await fetch(`${sandbox.url}/repos/${REPO}/releases`, {
    headers: { authorization: `token ${sandbox.installationToken("octo-org")}` },
  });
  return (await response.json()) as RestRelease[];
}

describe("release-notes action", () => {
  it("creates a draft release with the notes, writes outputs, summary and CHANGELOG.md", async () => {
    const result = await run({ mode: "draft", changelog: "CHANGELOG.md" });
    expect(result.exitCode, result.stdout + result.stderr).toBe(0);
    expect(result.outputs).toMatchObject({ version: "1.1.0", tag: "v1.1.0", bump: "minor" });
    const [release, ...others] = await releases();
    expect(others).toEqual([]);
    expect(release).toMatchObject({ tag_name: "v1.1.0", draft: true, prerelease: false });
    expect(release?.body).toContain("### Features");
    expect(release?.body).toContain(
      "* **api:** add search ([#10](https://github.com/octo-org/octo-repo/issues/10))",
    );
    expect(release?.body).toContain(
      "### Contributors\n\n* Alice Maintainer\n* @bob-newcomer (first contribution)",
    );
    expect(result.outputs["release-url"]).toBe(release?.html_url);
    expect(readFileSync(result.outputs["notes-path"] as string, "utf8")).toMatch(
      /^## \[1\.1\.0\]\(https:\/\/github\.com\/octo-org\/octo-repo\/compare\/v1\.0\.0\.\.\.v1\.1\.0\)/,
    );
    const context = JSON.parse(readFileSync(result.outputs["context-path"] as string, "utf8"));
    expect(context.entries.map((entry: { subject: string }) => entry.subject)).toEqual([
      "a crash",
      "add search (#10)",
    ]);
    expect(result.summary).toContain("Upkeep release notes: v1.1.0 (minor)");
    expect(readFileSync(join(checkout.dir, "CHANGELOG.md"), "utf8")).toContain("## [1.1.0]");
  }, 60_000);

  it("a second run updates the same draft instead of adding one; publish makes it public", async () => {
    checkout.commit("fix(ui): another fix");
    const again = await run({ mode: "draft", changelog: "CHANGELOG.md" });
    expect(again.exitCode, again.stdout).toBe(0);
    let all = await releases();
    expect(all).toHaveLength(1);
    expect(all[0]?.body).toContain("another fix");
    const changelog = readFileSync(join(checkout.dir, "CHANGELOG.md"), "utf8");
    expect(changelog.match(/^## \[1\.1\.0\]/gm)).toHaveLength(1);

    const published = await run({ mode: "publish" });
    expect(published.exitCode, published.stdout).toBe(0);
    all = await releases();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ tag_name: "v1.1.0", draft: false });

    // A later draft run refreshes the notes but never turns a published release back into a draft.
    checkout.commit("fix(ui): late fix");
    expect((await run({ mode: "draft" })).exitCode).toBe(0);
    all = await releases();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ tag_name: "v1.1.0", draft: false });
    expect(all[0]?.body).toContain("late fix");
  }, 60_000);

  it("mode none only writes the notes; a prerelease channel marks the release", async () => {
    const none = await run({ mode: "none", prerelease: "rc" });
    expect(none.exitCode, none.stdout).toBe(0);
    expect(none.outputs).toMatchObject({ version: "1.1.0-rc.1", tag: "v1.1.0-rc.1" });
    expect(none.outputs["release-url"]).toBeUndefined();
    expect(await releases()).toHaveLength(1);
  }, 60_000);

  it("warns when the checkout is shallow (tags and history missing)", async () => {
    const shallow = new GitFixture();
    shallow.git("clone", "-q", "--depth", "1", `file://${checkout.dir}`, "clone");
    const result = await runAction({
      entry: `${REPO_ROOT}/actions/release-notes/dist/index.js`,
      inputs: { token: "", mode: "none", config: ".github/upkeep.yml", to: "HEAD" },
      repository: REPO,
      apiUrl: sandbox.url,
      workspace: join(shallow.dir, "clone"),
    });
    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.stdout).toContain("::warning::The checkout is shallow");
  }, 60_000);

  it("a bad mode fails the step with a clear message", async () => {
    const result = await run({ mode: "sometimes" });
    expect(result.exitCode).not.toBe(0);
    expect(result.stdout).toContain('input mode must be draft, publish or none, not "sometimes"');
  }, 60_000);
});
