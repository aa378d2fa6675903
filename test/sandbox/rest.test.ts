import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../core/time/clock.ts";
import { createClient } from "../../github/client.ts";
import { OctokitGitHub } from "../../github/octokit-port.ts";
import { type Sandbox, startSandbox } from "../../sandbox/index.ts";

const REPO = "octo-org/octo-repo";
let sandbox: Sandbox;
let clock: ManualClock;
let token: string;

beforeEach(async () => {
  clock = new ManualClock("2026-03-02T09:00:00Z");
  sandbox = await startSandbox({ clock });
  sandbox.addRepo(REPO, {
    files: {
      ".github/upkeep.yml": "severity:\n  default: minor\n",
      "docs/a.md": "A",
      "docs/b.md": "B",
    },
  });
  token = sandbox.installationToken("octo-org");
});

afterEach(async () => {
  sandbox.assertValid();
  await sandbox.close();
});

function get(path: string, headers: Record<string, string> = {}) {
  return fetch(`${sandbox.url}${path}`, {
    headers: { authorization: `token ${token}`, ...headers },
  });
}

function port() {
  return new OctokitGitHub(createClient({ token, baseUrl: sandbox.url }), {
    owner: "octo-org",
    repo: "octo-repo",
  });
}

describe("pagination, caching and headers", () => {
  it("lists page with per_page and a Link header like GitHub's", async () => {
    for (let index = 1; index <= 7; index++)
      await sandbox.as("alice").openIssue(REPO, { title: `Issue ${index}` });
    const first = await get(`/repos/${REPO}/issues?per_page=3&state=open`);
    const firstNumbers = ((await first.json()) as { number: number }[]).map(
      (issue) => issue.number,
    );
    expect(firstNumbers).toEqual([7, 6, 5]);
    const base = `${sandbox.url}/repos/${REPO}/issues?per_page=3&state=open`;
    expect(first.headers.get("link")).toBe(
      `<${base}&page=2>; rel="next", <${base}&page=3>; rel="last"`,
    );

    const middle = await get(`/repos/${REPO}/issues?per_page=3&state=open&page=2`);
    expect(middle.headers.get("link")).toBe(
      `<${base}&page=1>; rel="prev", <${base}&page=3>; rel="next", <${base}&page=3>; rel="last", <${base}&page=1>; rel="first"`,
    );
    const last = await get(`/repos/${REPO}/issues?per_page=3&state=open&page=3`);
    expect(((await last.json()) as unknown[]).length).toBe(1);
    expect(last.headers.get("link")).not.toContain('rel="next"');

    const everything = [];
    for await (const issue of port().listIssues({ state: "all" })) everything.push(issue.number);
    expect(everything).toHaveLength(7);
  });

  it("caps per_page at 100", async () => {
    for (let index = 1; index <= 101; index++)
      await sandbox.as("alice").openIssue(REPO, { title: `Issue ${index}` });
    const response = await get(`/repos/${REPO}/issues?per_page=500`);
    expect(((await response.json()) as unknown[]).length).toBe(100);
    expect(response.headers.get("link")).toContain('page=2>; rel="next"');
  });

  it("answers 304 to a matching If-None-Match and a fresh ETag once the issue changes", async () => {
    const number = await sandbox.as("alice").openIssue(REPO, { title: "Cache me" });
    const first = await get(`/repos/${REPO}/issues/${number}`);
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^W\/".+"$/);
    const again = await get(`/repos/${REPO}/issues/${number}`, { "if-none-match": etag });
    expect(again.status).toBe(304);
    await sandbox.as("alice").comment(REPO, number, "changed");
    const changed = await get(`/repos/${REPO}/issues/${number}`, { "if-none-match": etag });
    expect(changed.status).toBe(200);
  });

  it("carries rate-limit headers counted per token", async () => {
    const first = await get(`/repos/${REPO}`);
    const second = await get(`/repos/${REPO}`);
    expect(first.headers.get("x-ratelimit-limit")).toBe("5000");
    expect(first.headers.get("x-ratelimit-resource")).toBe("core");
    expect(Number(second.headers.get("x-ratelimit-used"))).toBe(
      Number(first.headers.get("x-ratelimit-used")) + 1,
    );
    expect(Number(second.headers.get("x-ratelimit-remaining"))).toBe(
      5000 - Number(second.headers.get("x-ratelimit-used")),
    );
    expect(Number(first.headers.get("x-ratelimit-reset"))).toBeGreaterThan(Date.now() / 1000);
  });

  it("errors carry message and documentation_url; 422 lists what was wrong", async () => {
    const missing = await get(`/repos/${REPO}/issues/999`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({
      message: "Not Found",
      documentation_url: expect.stringMatching(/^https:\/\/docs\.github\.com/),
    });
    const duplicate = await fetch(`${sandbox.url}/repos/${REPO}/labels`, {
      method: "POST",
      headers: { authorization: `token ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "BUG", color: "ff0000" }),
    });
    expect(duplicate.status).toBe(422);
    expect(await duplicate.json()).toMatchObject({
      message: "Validation Failed",
      errors: [{ resource: "Label", field: "name", code: "already_exists" }],
    });
  });
});

describe("issues, history and files through the GitHub port", () => {
  it("the timeline shows labels, assignments, comments with bodies, close and reopen, and cross-references, in order", async () => {
    sandbox.addUser("bob");
    const alice = sandbox.as("alice");
    const number = await alice.openIssue(REPO, { title: "Crash" });
    clock.advance(60_000);
    await alice.addLabels(REPO, number, ["bug"]);
    clock.advance(60_000);
    await sandbox.as("bob").comment(REPO, number, "/severity critical");
    clock.advance(60_000);
    await alice.assign(REPO, number, ["bob"]);
    await sandbox.as("carol").openPullRequest(REPO, { title: "Fix", body: `Fixes #${number}` });
    clock.advance(60_000);
    await alice.close(REPO, number, "completed");
    await alice.reopen(REPO, number);

    const timeline = await port().listTimeline(number);
    expect(timeline.map((event) => event.event)).toEqual([
      "labeled",
      "commented",
      "assigned",
      "cross-referenced",
      "closed",
      "reopened",
    ]);
    expect(timeline[0]).toMatchObject({
      label: "bug",
      actor: { login: "alice" },
      createdAt: "2026-03-02T09:01:00Z",
    });
    expect(timeline[1]).toMatchObject({ body: "/severity critical", actor: { login: "bob" } });
    expect(timeline[2]).toMatchObject({ assignee: "bob" });
    expect(timeline[3]?.source).toMatchObject({ kind: "pull_request", number: 2, title: "Fix" });
    expect(timeline[4]).toMatchObject({
      stateReason: "completed",
      createdAt: "2026-03-02T09:04:00Z",
    });
    expect(sandbox.issue(REPO, number)).toMatchObject({ state: "open", stateReason: "reopened" });
  });

  it("lists pull requests among issues as GitHub does, and filters by label", async () => {
    await sandbox.as("alice").openIssue(REPO, { title: "Bug", labels: ["bug"] });
    await sandbox.as("alice").openPullRequest(REPO, { title: "PR" });
    const all = [];
    for await (const issue of port().listIssues({ state: "open" })) all.push(issue);
    expect(all.map((issue) => [issue.number, issue.isPullRequest])).toEqual([
      [2, true],
      [1, false],
    ]);
    const bugs = [];
    for await (const issue of port().listIssues({ state: "open", labels: ["bug"] }))
      bugs.push(issue.number);
    expect(bugs).toEqual([1]);
  });

  it("filters by since as a point in time, and rejects a since that is not a timestamp", async () => {
    await sandbox.as("alice").openIssue(REPO, { title: "Earlier" });
    clock.advance(1_500);
    await sandbox.as("alice").openIssue(REPO, { title: "Later" });
    const recent = [];
    for await (const issue of port().listIssues({
      state: "all",
      since: "2026-03-02T09:00:00.500Z",
    }))
      recent.push(issue.title);
    expect(recent).toEqual(["Later"]);
    const bad = await get(`/repos/${REPO}/issues?since=yesterday`);
    expect(bad.status).toBe(422);
  });

  it("updates state, reason, labels and assignees through PATCH and records only the difference", async () => {
    sandbox.addUser("bob");
    const number = await sandbox
      .as("alice")
      .openIssue(REPO, { title: "Old", labels: ["bug", "question"] });
    const updated = await port().updateIssue(number, {
      title: "New",
      labels: ["bug", "enhancement"],
      assignees: ["bob"],
      state: "closed",
      stateReason: "not_planned",
    });
    expect(updated).toMatchObject({
      title: "New",
      state: "closed",
      stateReason: "not_planned",
      assignees: ["bob"],
    });
    expect(updated.labels.sort()).toEqual(["bug", "enhancement"]);
    const events = sandbox
      .issue(REPO, number)
      .events.map(
        (event) =>
          `${event.event}:${event.label ?? event.assignee ?? event.stateReason ?? ""}:${event.actor}`,
      );
    expect(events).toEqual([
      "labeled:bug:alice",
      "labeled:question:alice",
      "renamed::upkeep[bot]",
      "unlabeled:question:upkeep[bot]",
      "labeled:enhancement:upkeep[bot]",
      "assigned:bob:upkeep[bot]",
      "closed:not_planned:upkeep[bot]",
    ]);
  });

  it("silently drops labels and assignees from people who cannot manage issues, as GitHub documents", async () => {
    sandbox.setPermission(REPO, "tom", "triage");
    sandbox.addUser("stranger");
    const as = (login: string) =>
      new OctokitGitHub(createClient({ token: sandbox.createToken(login), baseUrl: sandbox.url }), {
        owner: "octo-org",
        repo: "octo-repo",
      });
    const fromStranger = await as("stranger").createIssue({
      title: "Hi",
      body: "",
      labels: ["bug"],
      assignees: ["stranger"],
    });
    expect(fromStranger).toMatchObject({ labels: [], assignees: [] });
    const fromTriager = await as("tom").createIssue({
      title: "Hi",
      body: "",
      labels: ["bug"],
      assignees: ["tom"],
    });
    expect(fromTriager).toMatchObject({ labels: ["bug"], assignees: ["tom"] });
    const relabel = await as("stranger").updateIssue(fromTriager.number, {
      labels: [],
      title: "Hello",
    });
    expect(relabel).toMatchObject({ title: "Hello", labels: ["bug"] });
  });

  it("reads files as JSON or raw, lists directories, and 404s what is missing", async () => {
    expect(await port().readFile(".github/upkeep.yml")).toBe("severity:\n  default: minor\n");
    expect(await port().readFile("nope.yml")).toBeUndefined();
    const raw = await get(`/repos/${REPO}/contents/.github/upkeep.yml`, {
      accept: "application/vnd.github.raw",
    });
    expect(await raw.text()).toBe("severity:\n  default: minor\n");
    const listing = (await (await get(`/repos/${REPO}/contents/docs`)).json()) as {
      name: string;
      type: string;
    }[];
    expect(listing.map((entry) => `${entry.type}:${entry.name}`)).toEqual([
      "file:a.md",
      "file:b.md",
    ]);
    expect((await get(`/repos/${REPO}/contents/docs/a.md?ref=no-such-branch`)).status).toBe(404);
  });

  it("reports permissions by role, with read for people without a grant on a public repository", async () => {
    sandbox.setPermission(REPO, "mia", "maintain");
    sandbox.setPermission(REPO, "tom", "triage");
    sandbox.addUser("stranger");
    const github = port();
    expect(await github.getPermission("mia")).toBe("maintain");
    expect(await github.getPermission("tom")).toBe("triage");
    expect(await github.getPermission("octo-org")).toBe("admin");
    expect(await github.getPermission("stranger")).toBe("read");
    expect(await github.getPermission("nobody-at-all")).toBe("none");
  });
});

describe("search and releases", () => {
  it("search/issues honours repo, is, label, -label, in:title and plain words", async () => {
    const alice = sandbox.as("alice");
    await alice.openIssue(REPO, {
      title: "Crash on start",
      body: "segfault",
      labels: ["bug", "severity:critical"],
    });
    await alice.openIssue(REPO, { title: "Crash in docs", labels: ["documentation"] });
    const closed = await alice.openIssue(REPO, { title: "Old crash", labels: ["bug"] });
    await alice.close(REPO, closed);
    await alice.openPullRequest(REPO, { title: "Crash fix" });
    const search = async (q: string) => {
      const response = await get(`/search/issues?q=${encodeURIComponent(q)}`);
      const body = (await response.json()) as { total_count: number; items: { number: number }[] };
      return body.items.map((item) => item.number).sort();
    };
    expect(await search(`repo:${REPO} is:issue is:open crash`)).toEqual([1, 2]);
    expect(await search(`repo:${REPO} is:issue label:bug`)).toEqual([1, 3]);
    expect(await search(`repo:${REPO} is:issue label:"severity:critical"`)).toEqual([1]);
    expect(await search(`repo:${REPO} label:bug label:"severity:critical"`)).toEqual([1]);
    expect(await search(`repo:${REPO} label:documentation,"severity:critical"`)).toEqual([1, 2]);
    expect(await search(`repo:${REPO} is:issue is:open -label:documentation`)).toEqual([1]);
    expect(await search(`repo:${REPO} is:closed`)).toEqual([3]);
    expect(await search(`repo:${REPO} is:pr`)).toEqual([4]);
    expect(await search(`repo:${REPO} segfault in:title`)).toEqual([]);
    expect(await search(`repo:${REPO} segfault in:body`)).toEqual([1]);
  });

  it("creates releases once per tag, finds them by tag, and lists the tag", async () => {
    const client = createClient({ token, baseUrl: sandbox.url });
    const created = await client.request("POST /repos/{owner}/{repo}/releases", {
      owner: "octo-org",
      repo: "octo-repo",
      tag_name: "v1.2.0",
      name: "v1.2.0",
      body: "## Fixes",
    });
    expect(created.status).toBe(201);
    await expect(
      client.request("POST /repos/{owner}/{repo}/releases", {
        owner: "octo-org",
        repo: "octo-repo",
        tag_name: "v1.2.0",
      }),
    ).rejects.toMatchObject({ status: 422 });
    const byTag = await client.request("GET /repos/{owner}/{repo}/releases/tags/{tag}", {
      owner: "octo-org",
      repo: "octo-repo",
      tag: "v1.2.0",
    });
    expect(byTag.data).toMatchObject({
      id: created.data.id,
      body: "## Fixes",
      author: { login: "upkeep[bot]" },
    });
    const tags = await client.request("GET /repos/{owner}/{repo}/tags", {
      owner: "octo-org",
      repo: "octo-repo",
    });
    expect(tags.data.map((tag) => tag.name)).toEqual(["v1.2.0"]);
    await client.request("PATCH /repos/{owner}/{repo}/releases/{release_id}", {
      owner: "octo-org",
      repo: "octo-repo",
      release_id: created.data.id,
      body: "## Fixes\n- one",
    });
    const latest = await client.request("GET /repos/{owner}/{repo}/releases/latest", {
      owner: "octo-org",
      repo: "octo-repo",
    });
    expect(latest.data.body).toBe("## Fixes\n- one");
  });

  it("stores uploaded SARIF decoded", async () => {
    const { gzipSync } = await import("node:zlib");
    const sarif = {
      version: "2.1.0",
      runs: [{ tool: { driver: { name: "upkeep-sast" } }, results: [] }],
    };
    const client = createClient({ token, baseUrl: sandbox.url });
    const upload = await client.request("POST /repos/{owner}/{repo}/code-scanning/sarifs", {
      owner: "octo-org",
      repo: "octo-repo",
      commit_sha: "a".repeat(40),
      ref: "refs/heads/main",
      sarif: gzipSync(JSON.stringify(sarif)).toString("base64"),
    });
    expect(upload.status).toBe(202);
    expect(sandbox.sarifUploads(REPO)).toEqual([
      { commitSha: "a".repeat(40), ref: "refs/heads/main", toolName: undefined, sarif },
    ]);
  });
});
