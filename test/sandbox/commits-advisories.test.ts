import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createClient } from "../../github/client.ts";
import { OctokitGitHub } from "../../github/octokit-port.ts";
import { type Sandbox, startSandbox } from "../../sandbox/index.ts";

const REPO = "octo-org/octo-repo";
let sandbox: Sandbox;

beforeEach(async () => {
  sandbox = await startSandbox();
  sandbox.addRepo(REPO);
});

afterEach(async () => {
  sandbox.assertValid();
  await sandbox.close();
});

function port() {
  const client = createClient({
    token: sandbox.installationToken("octo-org"),
    baseUrl: sandbox.url,
  });
  return new OctokitGitHub(client, { owner: "octo-org", repo: "octo-repo" });
}

describe("commits", () => {
  it("links a commit to its GitHub author, and says nothing for unknown or unlinked commits", async () => {
    const linked = sandbox.addCommit(REPO, { message: "feat: add widgets", author: "alice" });
    const unlinked = sandbox.addCommit(REPO, {
      message: "fix: typo",
      authorName: "Drive-by",
      authorEmail: "x@example.com",
    });
    const github = port();
    expect(await github.commitAuthorLogin(linked)).toBe("alice");
    expect(await github.commitAuthorLogin(linked.slice(0, 7))).toBe("alice");
    expect(await github.commitAuthorLogin(unlinked)).toBeUndefined();
    expect(await github.commitAuthorLogin("f".repeat(40))).toBeUndefined();
  });

  it("lists the default branch newest first and resolves branch and tag names", async () => {
    const first = sandbox.addCommit(REPO, { message: "chore: init", author: "alice" });
    const second = sandbox.addCommit(REPO, { message: "feat: more", author: "bob" });
    sandbox.addTag(REPO, "v0.1.0", first);
    const client = createClient({
      token: sandbox.installationToken("octo-org"),
      baseUrl: sandbox.url,
    });
    const { data: history } = await client.request("GET /repos/{owner}/{repo}/commits", {
      owner: "octo-org",
      repo: "octo-repo",
    });
    expect(
      history.map((commit) => [commit.sha, commit.commit.message, commit.parents.length]),
    ).toEqual([
      [second, "feat: more", 1],
      [first, "chore: init", 0],
    ]);
    const byBranch = await client.request("GET /repos/{owner}/{repo}/commits/{ref}", {
      owner: "octo-org",
      repo: "octo-repo",
      ref: "main",
    });
    expect(byBranch.data.sha).toBe(second);
    const byTag = await client.request("GET /repos/{owner}/{repo}/commits/{ref}", {
      owner: "octo-org",
      repo: "octo-repo",
      ref: "v0.1.0",
    });
    expect(byTag.data.sha).toBe(first);
  });
});

describe("global advisories", () => {
  beforeEach(() => {
    sandbox.addAdvisory({
      ghsaId: "GHSA-jf85-cpcp-j695",
      cveId: "CVE-2019-10744",
      summary: "Prototype Pollution in lodash",
      severity: "critical",
      ecosystem: "npm",
      package: "lodash",
      vulnerableRange: "< 4.17.12",
      firstPatched: "4.17.12",
      cvssVector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
      cvssScore: 9.1,
    });
    sandbox.addAdvisory({
      ghsaId: "GHSA-p6mc-m468-83gw",
      summary: "minimist pollution",
      severity: "medium",
      ecosystem: "npm",
      package: "minimist",
      vulnerableRange: ">= 1.0.0, < 1.2.6",
    });
    sandbox.addAdvisory({
      ghsaId: "GHSA-c2qf-rxjj-qqgw",
      summary: "semver ReDoS",
      severity: "medium",
      ecosystem: "pip",
      package: "semver",
      vulnerableRange: "< 7.5.2",
    });
  });

  it("finds advisories by ecosystem and affected package through the port", async () => {
    const found = await port().listGlobalAdvisories("npm", ["lodash", "minimist", "left-pad"]);
    expect(found.map((advisory) => advisory.ghsaId).sort()).toEqual([
      "GHSA-jf85-cpcp-j695",
      "GHSA-p6mc-m468-83gw",
    ]);
    const lodash = found.find((advisory) => advisory.ghsaId === "GHSA-jf85-cpcp-j695");
    expect(lodash).toMatchObject({ cveId: "CVE-2019-10744", severity: "critical" });
  });

  it("narrows by version with name@version and pages with cursors", async () => {
    const query = async (params: string) => {
      const response = await fetch(`${sandbox.url}/advisories?${params}`);
      return {
        link: response.headers.get("link"),
        ids: ((await response.json()) as { ghsa_id: string }[]).map((a) => a.ghsa_id),
      };
    };
    expect((await query("affects=minimist@1.2.5")).ids).toEqual(["GHSA-p6mc-m468-83gw"]);
    expect((await query("affects=minimist@1.2.6")).ids).toEqual([]);
    const first = await query("ecosystem=npm&per_page=1");
    expect(first.ids).toHaveLength(1);
    const next = /<([^>]+)>; rel="next"/.exec(first.link ?? "")?.[1];
    expect(next).toContain("after=");
    const second = (await (await fetch(next!)).json()) as { ghsa_id: string }[];
    expect(second.map((advisory) => advisory.ghsa_id)).not.toEqual(first.ids);
    expect(second).toHaveLength(1);
  });
});
