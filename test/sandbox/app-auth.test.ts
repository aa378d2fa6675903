import { createAppAuth } from "@octokit/auth-app";
import { Octokit } from "@octokit/core";
import { afterEach, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "../../sandbox/index.ts";

let sandbox: Sandbox | undefined;

afterEach(async () => {
  sandbox?.assertValid();
  await sandbox?.close();
  sandbox = undefined;
});

function appOctokit(box: Sandbox, installationId?: number) {
  return new Octokit({
    baseUrl: box.url,
    authStrategy: createAppAuth,
    auth: {
      appId: box.appId,
      privateKey: box.privateKey,
      ...(installationId ? { installationId } : {}),
    },
  });
}

describe("GitHub App authentication", () => {
  it("an app JWT lists installations and trades one for a token that reads the installed repository", async () => {
    sandbox = await startSandbox();
    sandbox.addRepo("octo-org/octo-repo", { files: { "README.md": "# Octo" } });
    sandbox.addRepo("other-org/private-thing");

    const app = appOctokit(sandbox);
    const { data: me } = await app.request("GET /app");
    expect(me).toMatchObject({ id: sandbox.appId, slug: "upkeep" });
    const { data: installations } = await app.request("GET /app/installations");
    expect(installations.map((installation) => installation.account?.login)).toEqual([
      "octo-org",
      "other-org",
    ]);
    const { data: found } = await app.request("GET /repos/{owner}/{repo}/installation", {
      owner: "octo-org",
      repo: "octo-repo",
    });
    expect(found.id).toBe(sandbox.installationId("octo-org"));

    const installed = appOctokit(sandbox, found.id);
    const { data: repos } = await installed.request("GET /installation/repositories");
    expect(repos.repositories.map((repo) => repo.full_name)).toEqual(["octo-org/octo-repo"]);
    const { data: issue } = await installed.request("POST /repos/{owner}/{repo}/issues", {
      owner: "octo-org",
      repo: "octo-repo",
      title: "Filed by the app",
    });
    expect(issue.user?.login).toBe("upkeep[bot]");
    // An installation token cannot see another owner's repositories, as on GitHub.
    await expect(
      installed.request("GET /repos/{owner}/{repo}", { owner: "other-org", repo: "private-thing" }),
    ).rejects.toMatchObject({ status: 404 });
    const paths = sandbox.requests.map(
      (request) => `${request.method} ${request.path} ${request.status}`,
    );
    expect(paths).toContain(`POST /app/installations/${found.id}/access_tokens 201`);
  });

  it("a JWT signed with another key, or no credentials at all, is refused with 401", async () => {
    sandbox = await startSandbox();
    sandbox.addRepo("octo-org/octo-repo");
    const { generateKeyPairSync } = await import("node:crypto");
    const stranger = generateKeyPairSync("rsa", {
      modulusLength: 2048,
      privateKeyEncoding: { type: "pkcs1", format: "pem" },
      publicKeyEncoding: { type: "spki", format: "pem" },
    }).privateKey;
    const impostor = new Octokit({
      baseUrl: sandbox.url,
      authStrategy: createAppAuth,
      auth: { appId: sandbox.appId, privateKey: stranger },
    });
    await expect(impostor.request("GET /app")).rejects.toMatchObject({ status: 401 });

    const anonymous = await fetch(`${sandbox.url}/repos/octo-org/octo-repo/issues`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({
      message: "Requires authentication",
      documentation_url: expect.any(String),
    });
    const wrong = await fetch(`${sandbox.url}/repos/octo-org/octo-repo/issues`, {
      headers: { authorization: "token ghp_nope" },
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ message: "Bad credentials" });
  });

  it("a personal token acts as its user", async () => {
    sandbox = await startSandbox();
    sandbox.addRepo("octo-org/octo-repo");
    const alice = new Octokit({ baseUrl: sandbox.url, auth: sandbox.createToken("alice") });
    const { data } = await alice.request("POST /repos/{owner}/{repo}/issues", {
      owner: "octo-org",
      repo: "octo-repo",
      title: "Mine",
    });
    expect(data.user).toMatchObject({ login: "alice", type: "User" });
    expect(sandbox.requests.at(-1)).toMatchObject({ method: "POST", status: 201, token: "alice" });
  });
});
