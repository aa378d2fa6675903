// Issue comments, per issue and repository-wide.
import { addComment, deleteComment, editComment, findComment } from "../changes/comments.ts";
import { paginate } from "../http/paginate.ts";
import {
  actorOf,
  numberParam,
  type RequestContext,
  type Route,
  repoOf,
  timeParam,
} from "../http/route.ts";
import type { Comment } from "../model.ts";
import { renderComment } from "../render/issue.ts";

function listed(ctx: RequestContext, comments: Comment[]) {
  const repo = repoOf(ctx);
  const since = timeParam(ctx, "since");
  const matching =
    since === undefined
      ? comments
      : comments.filter((comment) => Date.parse(comment.updatedAt) >= since);
  const page = paginate(ctx, matching);
  return {
    status: 200,
    body: page.items.map((comment) => renderComment(ctx.state, repo, comment)),
    headers: page.headers,
  };
}

const COMMENT = "/repos/{owner}/{repo}/issues/comments/{comment_id}";

export const commentRoutes: Route[] = [
  {
    method: "GET",
    path: "/repos/{owner}/{repo}/issues/comments",
    auth: "token",
    handle: (ctx) => {
      const all = [...repoOf(ctx).issues.values()].flatMap((issue) => issue.comments);
      return listed(
        ctx,
        all.sort((a, b) => a.id - b.id),
      );
    },
  },
  {
    method: "GET",
    path: COMMENT,
    auth: "token",
    handle: (ctx) => {
      const repo = repoOf(ctx);
      return {
        status: 200,
        body: renderComment(
          ctx.state,
          repo,
          findComment(repo, numberParam(ctx, "comment_id")).comment,
        ),
      };
    },
  },
  {
    method: "PATCH",
    path: COMMENT,
    auth: "token",
    handle: (ctx) => {
      const repo = repoOf(ctx);
      const comment = editComment(
        ctx.state,
        actorOf(ctx),
        repo,
        numberParam(ctx, "comment_id"),
        ctx.body.body as string,
      );
      return { status: 200, body: renderComment(ctx.state, repo, comment) };
    },
  },
  {
    method: "DELETE",
    path: COMMENT,
    auth: "token",
    handle: (ctx) => {
      deleteComment(ctx.state, actorOf(ctx), repoOf(ctx), numberParam(ctx, "comment_id"));
      return { status: 204 };
    },
  },
  {
    method: "GET",
    path: "/repos/{owner}/{repo}/issues/{issue_number}/comments",
    auth: "token",
    handle: (ctx) =>
      listed(ctx, ctx.state.issue(repoOf(ctx), numberParam(ctx, "issue_number")).comments),
  },
  {
    method: "POST",
    path: "/repos/{owner}/{repo}/issues/{issue_number}/comments",
    auth: "token",
    handle: (ctx) => {
      const repo = repoOf(ctx);
      const issue = ctx.state.issue(repo, numberParam(ctx, "issue_number"));
      const comment = addComment(ctx.state, actorOf(ctx), repo, issue, ctx.body.body as string);
      return { status: 201, body: renderComment(ctx.state, repo, comment) };
    },
  },
];
