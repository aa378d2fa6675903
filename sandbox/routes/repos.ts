// Repository metadata, file contents, collaborator permissions, tags and the rate-limit overview.
import { createHash } from "node:crypto";
import { nodeId } from "../changes/repos.ts";
import { paginate } from "../http/paginate.ts";
import { type RequestContext, type Route, repoOf } from "../http/route.ts";
import type { Repo } from "../model.ts";
import { renderRepo, repoApi } from "../render/repo.ts";
import { renderUser } from "../render/user.ts";
import { HttpError } from "../state.ts";

function blobSha(text: string): string {
  const bytes = Buffer.from(text, "utf8");
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}

/** Files live on the default branch only; a ref naming it, a tag, or a commit SHA all read them. */
function checkRef(repo: Repo, ref: string | null): void {
  if (ref === null || ref === "" || ref === "HEAD") return;
  const name = ref.replace(/^refs\/(heads|tags)\//, "");
  if (name === repo.defaultBranch || /^[0-9a-f]{7,40}$/.test(name)) return;
  if (repo.tags.some((tag) => tag.name === name)) return;
  throw new HttpError(
    404,
    `No commit found for the ref ${ref}`,
    undefined,
    "https://docs.github.com/rest/repos/contents#get-repository-content",
  );
}

function fileEntry(ctx: RequestContext, repo: Repo, path: string, text?: string) {
  const api = `${repoApi(ctx.state, repo)}/contents/${path}?ref=${repo.defaultBranch}`;
  const html = `${ctx.state.webUrl}/${repo.fullName}/blob/${repo.defaultBranch}/${path}`;
  const git = `${repoApi(ctx.state, repo)}/git/blobs/${blobSha(text ?? path)}`;
  const isFile = text !== undefined;
  return {
    type: isFile ? "file" : "dir",
    size: isFile ? Buffer.byteLength(text) : 0,
    name: path.split("/").pop() ?? path,
    path,
    sha: blobSha(text ?? path),
    url: api,
    git_url: git,
    html_url: html,
    download_url: isFile
      ? `https://raw.githubusercontent.com/${repo.fullName}/${repo.defaultBranch}/${path}`
      : null,
    _links: { self: api, git, html },
  };
}

function getContents(ctx: RequestContext) {
  const repo = repoOf(ctx);
  checkRef(repo, ctx.query.get("ref"));
  const path = (ctx.params.path ?? "").replace(/^\/+|\/+$/g, "");
  const text = repo.files.get(path);
  const accept = String(ctx.headers.accept ?? "");
  if (text !== undefined) {
    if (/raw/.test(accept)) {
      return { status: 200, raw: text, headers: { "content-type": "text/plain; charset=utf-8" } };
    }
    const content = Buffer.from(text, "utf8").toString("base64").replace(/.{60}/g, "$&\n");
    return {
      status: 200,
      body: { ...fileEntry(ctx, repo, path, text), content, encoding: "base64" },
    };
  }
  const prefix = path === "" ? "" : `${path}/`;
  const children = new Map<string, string | undefined>();
  for (const [file, body] of repo.files) {
    if (!file.startsWith(prefix)) continue;
    const [head, ...rest] = file.slice(prefix.length).split("/");
    children.set(`${prefix}${head}`, rest.length === 0 ? body : undefined);
  }
  if (children.size === 0) {
    throw new HttpError(
      404,
      "Not Found",
      undefined,
      "https://docs.github.com/rest/repos/contents#get-repository-content",
    );
  }
  const entries = [...children].sort(([a], [b]) => a.localeCompare(b));
  return { status: 200, body: entries.map(([child, body]) => fileEntry(ctx, repo, child, body)) };
}

const LEGACY_PERMISSION = {
  admin: "admin",
  maintain: "write",
  write: "write",
  triage: "read",
  read: "read",
} as const;

function getPermission(ctx: RequestContext) {
  const repo = repoOf(ctx);
  const user = ctx.state.findAccount(ctx.params.username ?? "");
  if (!user)
    throw new HttpError(
      404,
      `${ctx.params.username} is not a user`,
      undefined,
      "https://docs.github.com/rest/collaborators/collaborators#get-repository-permissions-for-a-user",
    );
  const granted = ctx.state.permissionOf(repo, user.login);
  // Every sandbox repository is public, where GitHub answers "read" for people without a grant.
  const role = granted === "none" ? "read" : granted;
  return {
    status: 200,
    body: {
      permission: LEGACY_PERMISSION[role],
      role_name: role,
      user: { ...renderUser(ctx.state, user), permissions: rolePermissions(role), role_name: role },
    },
  };
}

function rolePermissions(role: keyof typeof LEGACY_PERMISSION) {
  const rank = ["read", "triage", "write", "maintain", "admin"].indexOf(role);
  return {
    pull: rank >= 0,
    triage: rank >= 1,
    push: rank >= 2,
    maintain: rank >= 3,
    admin: rank >= 4,
  };
}

function rateLimitBody() {
  const reset = Math.floor(Date.now() / 1000) + 3600;
  const core = { limit: 5000, used: 0, remaining: 5000, reset };
  const search = { limit: 30, used: 0, remaining: 30, reset };
  return {
    resources: {
      core,
      search,
      graphql: core,
      code_search: { ...search, limit: 10, remaining: 10 },
    },
    rate: core,
  };
}

export const repoRoutes: Route[] = [
  {
    method: "GET",
    path: "/repos/{owner}/{repo}",
    auth: "token",
    handle: (ctx) => ({ status: 200, body: renderRepo(ctx.state, repoOf(ctx)) }),
  },
  {
    method: "GET",
    path: "/repos/{owner}/{repo}/contents/{path}",
    auth: "token",
    handle: getContents,
  },
  {
    method: "GET",
    path: "/repos/{owner}/{repo}/collaborators/{username}/permission",
    auth: "token",
    handle: getPermission,
  },
  {
    method: "GET",
    path: "/repos/{owner}/{repo}/tags",
    auth: "token",
    handle: (ctx) => {
      const repo = repoOf(ctx);
      const page = paginate(ctx, [...repo.tags].reverse());
      const api = repoApi(ctx.state, repo);
      const body = page.items.map((tag) => ({
        name: tag.name,
        commit: { sha: tag.sha, url: `${api}/commits/${tag.sha}` },
        zipball_url: `${api}/zipball/refs/tags/${tag.name}`,
        tarball_url: `${api}/tarball/refs/tags/${tag.name}`,
        node_id: nodeId("REF", tag.name.length),
      }));
      return { status: 200, body, headers: page.headers };
    },
  },
  {
    method: "GET",
    path: "/rate_limit",
    auth: "optional",
    handle: () => ({ status: 200, body: rateLimitBody() }),
  },
];
