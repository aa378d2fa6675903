// GitHub App authentication: the app (by JWT) lists installations and trades them for tokens.
import { nodeId } from "../changes/repos.ts";
import { paginate } from "../http/paginate.ts";
import type { RequestContext, Route } from "../http/route.ts";
import { APP_EVENTS, APP_PERMISSIONS, renderInstallation, renderRepo } from "../render/repo.ts";
import { renderUser } from "../render/user.ts";
import { APP_SLUG, HttpError } from "../state.ts";

function installationOf(ctx: RequestContext) {
  const installation = ctx.state.installations.get(Number(ctx.params.installation_id));
  if (!installation)
    throw new HttpError(
      404,
      "Not Found",
      undefined,
      "https://docs.github.com/rest/apps/apps#get-an-installation-for-the-authenticated-app",
    );
  return installation;
}

/** GET /user: a personal token's user; installation tokens get GitHub's 403, as on GitHub. */
function authenticatedUser(ctx: RequestContext) {
  const actor = ctx.actor;
  if (!actor || actor.type === "Bot")
    throw new HttpError(
      403,
      "Resource not accessible by integration",
      undefined,
      "https://docs.github.com/rest/users/users#get-the-authenticated-user",
    );
  const profile = {
    name: null,
    company: null,
    blog: "",
    location: null,
    email: null,
    hireable: null,
    bio: null,
    public_repos: 0,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: "2020-01-01T00:00:00Z",
    updated_at: "2020-01-01T00:00:00Z",
  };
  return { status: 200, body: { ...renderUser(ctx.state, actor), ...profile } };
}

export const appRoutes: Route[] = [
  { method: "GET", path: "/user", auth: "token", handle: authenticatedUser },
  {
    method: "GET",
    path: "/app",
    auth: "app",
    handle: ({ state }) => {
      const owner = state.bot;
      return {
        status: 200,
        body: {
          id: state.appId,
          slug: APP_SLUG,
          node_id: nodeId("A", state.appId),
          client_id: `Iv1.${state.appId.toString(16).padStart(16, "0")}`,
          owner: renderUser(state, owner),
          name: "Upkeep",
          description: "A software maintenance plan on autopilot",
          external_url: "https://github.com/apps/upkeep",
          html_url: "https://github.com/apps/upkeep",
          created_at: "2026-01-01T00:00:00Z",
          updated_at: "2026-01-01T00:00:00Z",
          permissions: APP_PERMISSIONS,
          events: APP_EVENTS,
          installations_count: state.installations.size,
        },
      };
    },
  },
  {
    method: "GET",
    path: "/app/installations",
    auth: "app",
    handle: (ctx) => {
      const page = paginate(ctx, [...ctx.state.installations.values()]);
      return {
        status: 200,
        body: page.items.map((installation) => renderInstallation(ctx.state, installation)),
        headers: page.headers,
      };
    },
  },
  {
    method: "GET",
    path: "/app/installations/{installation_id}",
    auth: "app",
    handle: (ctx) => ({ status: 200, body: renderInstallation(ctx.state, installationOf(ctx)) }),
  },
  {
    method: "POST",
    path: "/app/installations/{installation_id}/access_tokens",
    auth: "app",
    handle: (ctx) => {
      const installation = installationOf(ctx);
      const grant = ctx.state.createInstallationToken(installation);
      return {
        status: 201,
        body: {
          token: grant.token,
          expires_at: grant.expiresAt,
          permissions: APP_PERMISSIONS,
          repository_selection: "selected",
        },
      };
    },
  },
  {
    method: "GET",
    path: "/repos/{owner}/{repo}/installation",
    auth: "app",
    handle: (ctx) => {
      const repo = ctx.state.repo(`${ctx.params.owner}/${ctx.params.repo}`);
      const installation = ctx.state.installationFor(repo.owner.login);
      if (!installation?.repos.has(repo.fullName.toLowerCase()))
        throw new HttpError(404, "Not Found");
      return { status: 200, body: renderInstallation(ctx.state, installation) };
    },
  },
  {
    method: "GET",
    path: "/installation/repositories",
    auth: "token",
    handle: (ctx) => {
      const installationId = ctx.grant?.installationId;
      const installation =
        installationId === undefined ? undefined : ctx.state.installations.get(installationId);
      if (!installation)
        throw new HttpError(
          403,
          "You must authenticate with an installation access token in order to list repositories for an installation.",
        );
      const repos = [...installation.repos].map((name) => ctx.state.repo(name));
      const page = paginate(ctx, repos);
      return {
        status: 200,
        body: {
          total_count: repos.length,
          repository_selection: "selected",
          repositories: page.items.map((repo) => renderRepo(ctx.state, repo)),
        },
        headers: page.headers,
      };
    },
  },
];
