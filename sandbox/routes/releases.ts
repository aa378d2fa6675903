// Releases: list (newest first), latest, by tag, by id, create, update, delete.
import {
  createRelease,
  deleteRelease,
  findRelease,
  type ReleaseInput,
  updateRelease,
} from "../changes/releases.ts";
import { paginate } from "../http/paginate.ts";
import { actorOf, numberParam, type RequestContext, type Route, repoOf } from "../http/route.ts";
import type { Release } from "../model.ts";
import { renderRelease } from "../render/repo.ts";
import { HttpError } from "../state.ts";

const RELEASES = "/repos/{owner}/{repo}/releases";

function one(ctx: RequestContext, release: Release | undefined, status = 200) {
  if (!release)
    throw new HttpError(
      404,
      "Not Found",
      undefined,
      "https://docs.github.com/rest/releases/releases",
    );
  return { status, body: renderRelease(ctx.state, repoOf(ctx), release) };
}

function newestFirst(releases: Release[]): Release[] {
  return [...releases].sort((a, b) =>
    a.createdAt === b.createdAt ? b.id - a.id : a.createdAt < b.createdAt ? 1 : -1,
  );
}

export const releaseRoutes: Route[] = [
  {
    method: "GET",
    path: RELEASES,
    auth: "token",
    handle: (ctx) => {
      const repo = repoOf(ctx);
      const page = paginate(ctx, newestFirst(repo.releases));
      return {
        status: 200,
        body: page.items.map((release) => renderRelease(ctx.state, repo, release)),
        headers: page.headers,
      };
    },
  },
  {
    method: "POST",
    path: RELEASES,
    auth: "token",
    handle: (ctx) =>
      one(ctx, createRelease(ctx.state, actorOf(ctx), repoOf(ctx), ctx.body as ReleaseInput), 201),
  },
  {
    method: "GET",
    path: `${RELEASES}/latest`,
    auth: "token",
    handle: (ctx) =>
      one(
        ctx,
        newestFirst(repoOf(ctx).releases).find((release) => !release.draft && !release.prerelease),
      ),
  },
  {
    method: "GET",
    path: `${RELEASES}/tags/{tag}`,
    auth: "token",
    handle: (ctx) =>
      one(
        ctx,
        repoOf(ctx).releases.find(
          (release) => release.tagName === ctx.params.tag && !release.draft,
        ),
      ),
  },
  {
    method: "GET",
    path: `${RELEASES}/{release_id}`,
    auth: "token",
    handle: (ctx) => one(ctx, findRelease(repoOf(ctx), numberParam(ctx, "release_id"))),
  },
  {
    method: "PATCH",
    path: `${RELEASES}/{release_id}`,
    auth: "token",
    handle: (ctx) => {
      const repo = repoOf(ctx);
      const release = findRelease(repo, numberParam(ctx, "release_id"));
      return one(
        ctx,
        updateRelease(ctx.state, actorOf(ctx), repo, release, ctx.body as ReleaseInput),
      );
    },
  },
  {
    method: "DELETE",
    path: `${RELEASES}/{release_id}`,
    auth: "token",
    handle: (ctx) => {
      const repo = repoOf(ctx);
      deleteRelease(
        ctx.state,
        actorOf(ctx),
        repo,
        findRelease(repo, numberParam(ctx, "release_id")),
      );
      return { status: 204 };
    },
  },
];
