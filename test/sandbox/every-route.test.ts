// Drives every REST route the sandbox serves once, the way a client would, so that each response
// shape is checked against GitHub's OpenAPI description and a route nobody exercises cannot rot.
import { gzipSync } from "node:zlib";
import { createAppAuth } from "@octokit/auth-app";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Router } from "../../sandbox/http/router.ts";
import { type Sandbox, startSandbox } from "../../sandbox/index.ts";
import { allRoutes } from "../../sandbox/routes/all.ts";

const REPO = "/repos/octo-org/octo-repo";
let sandbox: Sandbox;
let token: string;
let jwt: string;

beforeAll(async () => {
  sandbox = await startSandbox();
  sandbox.addRepo("octo-org/octo-repo", {
    files: { "README.md": "# Octo", "docs/guide.md": "Guide" },
  });
  sandbox.addUser("bob");
  sandbox.setPermission("octo-org/octo-repo", "bob", "write");
  sandbox.addCommit("octo-org/octo-repo", { message: "feat: start", author: "bob" });
  sandbox.addAdvisory({
    ghsaId: "GHSA-jf85-cpcp-j695",
    summary: "Prototype Pollution in lodash",
    severity: "critical",
    ecosystem: "npm",
    package: "lodash",
    vulnerableRange: "< 4.17.12",
  });
  token = sandbox.installationToken("octo-org");
  jwt = (
    await createAppAuth({ appId: sandbox.appId, privateKey: sandbox.privateKey })({ type: "app" })
  ).token;
});

afterAll(async () => {
  await sandbox.close();
});

async function call(method: string, path: string, body?: unknown, auth = `token ${token}`) {
  const response = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: { authorization: auth, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
}

describe("every route", () => {
  it("answers as documented, in one realistic session", async () => {
    const app = `Bearer ${jwt}`;
    const installationId = sandbox.installationId("octo-org");
    const steps: [string, string, unknown, number, string?][] = [
      ["GET", "/app", undefined, 200, app],
      ["GET", "/app/installations", undefined, 200, app],
      ["GET", `/app/installations/${installationId}`, undefined, 200, app],
      ["POST", `/app/installations/${installationId}/access_tokens`, {}, 201, app],
      ["GET", `${REPO}/installation`, undefined, 200, app],
      ["GET", "/installation/repositories", undefined, 200],
      ["GET", "/user", undefined, 200, `token ${sandbox.createToken("bob")}`],
      ["GET", REPO, undefined, 200],
      ["GET", `${REPO}/contents/README.md`, undefined, 200],
      ["GET", `${REPO}/contents/docs`, undefined, 200],
      ["GET", `${REPO}/collaborators/bob/permission`, undefined, 200],
      ["GET", "/rate_limit", undefined, 200],
      [
        "POST",
        `${REPO}/issues`,
        { title: "Crash", body: "See #1", labels: ["bug"], assignees: ["bob"] },
        201,
      ],
      ["GET", `${REPO}/issues?state=all&labels=bug`, undefined, 200],
      ["GET", `${REPO}/issues/1`, undefined, 200],
      [
        "PATCH",
        `${REPO}/issues/1`,
        { title: "Crash on start", state: "closed", state_reason: "not_planned" },
        200,
      ],
      ["PATCH", `${REPO}/issues/1`, { state: "open" }, 200],
      ["GET", `${REPO}/issues/1/labels`, undefined, 200],
      ["POST", `${REPO}/issues/1/labels`, { labels: ["severity: major"] }, 200],
      ["PUT", `${REPO}/issues/1/labels`, { labels: ["bug", "question"] }, 200],
      ["DELETE", `${REPO}/issues/1/labels/question`, undefined, 200],
      ["DELETE", `${REPO}/issues/1/labels`, undefined, 204],
      ["POST", `${REPO}/issues/1/assignees`, { assignees: ["octo-org"] }, 201],
      ["DELETE", `${REPO}/issues/1/assignees`, { assignees: ["octo-org"] }, 200],
      ["GET", `${REPO}/labels?per_page=5`, undefined, 200],
      [
        "POST",
        `${REPO}/labels`,
        { name: "severity: critical", color: "b60205", description: "Down" },
        201,
      ],
      ["GET", `${REPO}/labels/severity%3A%20critical`, undefined, 200],
      ["PATCH", `${REPO}/labels/severity%3A%20critical`, { new_name: "sev: critical" }, 200],
      ["DELETE", `${REPO}/labels/sev%3A%20critical`, undefined, 204],
      ["POST", `${REPO}/issues/1/comments`, { body: "Looking" }, 201],
      ["GET", `${REPO}/issues/1/comments`, undefined, 200],
      ["GET", `${REPO}/issues/comments`, undefined, 200],
      ["GET", "COMMENT", undefined, 200],
      ["PATCH", "COMMENT", { body: "Looking into it" }, 200],
      ["GET", `${REPO}/issues/events`, undefined, 200],
      ["GET", "EVENT", undefined, 200],
      ["GET", `${REPO}/issues/1/events`, undefined, 200],
      ["GET", `${REPO}/issues/1/timeline`, undefined, 200],
      ["DELETE", "COMMENT", undefined, 204],
      [
        "GET",
        `/search/issues?q=${encodeURIComponent("repo:octo-org/octo-repo is:issue crash")}`,
        undefined,
        200,
      ],
      ["POST", `${REPO}/releases`, { tag_name: "v1.0.0", name: "v1.0.0", body: "First" }, 201],
      ["GET", `${REPO}/releases`, undefined, 200],
      ["GET", `${REPO}/releases/latest`, undefined, 200],
      ["GET", `${REPO}/releases/tags/v1.0.0`, undefined, 200],
      ["GET", "RELEASE", undefined, 200],
      ["PATCH", "RELEASE", { body: "First release" }, 200],
      ["GET", `${REPO}/tags`, undefined, 200],
      ["DELETE", "RELEASE", undefined, 204],
      [
        "POST",
        `${REPO}/code-scanning/sarifs`,
        {
          commit_sha: "a".repeat(40),
          ref: "refs/heads/main",
          sarif: gzipSync(JSON.stringify({ version: "2.1.0", runs: [] })).toString("base64"),
        },
        202,
      ],
      ["GET", "SARIF", undefined, 200],
      ["GET", `${REPO}/commits`, undefined, 200],
      ["GET", `${REPO}/commits/main`, undefined, 200],
      ["GET", "/advisories?ecosystem=npm&affects=lodash", undefined, 200],
      ["GET", "/advisories/GHSA-jf85-cpcp-j695", undefined, 200],
    ];
    const ids: Record<string, string> = {};
    for (const [method, target, body, expected, auth] of steps) {
      const path =
        target === "COMMENT"
          ? `${REPO}/issues/comments/${ids.comment}`
          : target === "EVENT"
            ? `${REPO}/issues/events/${ids.event}`
            : target === "RELEASE"
              ? `${REPO}/releases/${ids.release}`
              : target === "SARIF"
                ? `${REPO}/code-scanning/sarifs/${ids.sarif}`
                : target;
      const { status, json } = await call(method, path, body, auth);
      expect({ step: `${method} ${path}`, status }).toEqual({
        step: `${method} ${path}`,
        status: expected,
      });
      if (path.endsWith("/issues/1/comments") && method === "POST") ids.comment = String(json.id);
      if (path.endsWith("/issues/events")) ids.event = String(json[0].id);
      if (path.endsWith("/releases") && method === "POST") ids.release = String(json.id);
      if (path.endsWith("/code-scanning/sarifs")) ids.sarif = String(json.id);
    }
    sandbox.assertValid();

    const router = new Router(allRoutes);
    const served = new Set(
      sandbox.requests
        .filter((request) => request.status < 300)
        .map((request) => {
          const match = router.match(request.method, request.path);
          return match && match !== "method-not-allowed"
            ? `${match.route.method} ${match.route.path}`
            : "";
        }),
    );
    const untouched = allRoutes
      .map((route) => `${route.method} ${route.path}`)
      .filter((route) => !served.has(route));
    expect(untouched).toEqual([]);
  });
});
