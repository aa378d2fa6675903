// Repository labels and the labels on one issue.
import { assign, unassign } from "../changes/issues.ts";
import {
  addIssueLabels,
  createLabel,
  deleteLabel,
  removeIssueLabel,
  repoLabel,
  setIssueLabels,
  updateLabel,
} from "../changes/labels.ts";
import { paginate } from "../http/paginate.ts";
import {
  actorOf,
  numberParam,
  type RequestContext,
  type Route,
  repoOf,
  stringList,
} from "../http/route.ts";
import { renderIssue, renderLabel } from "../render/issue.ts";

/** The labels body may be `{labels: [...]}`, a bare array, or `{labels: [{name}]}`. */
function labelNames(ctx: RequestContext): string[] {
  const raw = Array.isArray(ctx.body) ? ctx.body : ctx.body.labels;
  return stringList(raw, "labels", "Label");
}

function issueLabels(ctx: RequestContext, status = 200) {
  const repo = repoOf(ctx);
  const issue = ctx.state.issue(repo, numberParam(ctx, "issue_number"));
  return { status, body: issue.labels.map((label) => renderLabel(ctx.state, repo, label)) };
}

function target(ctx: RequestContext) {
  const repo = repoOf(ctx);
  return {
    repo,
    issue: ctx.state.issue(repo, numberParam(ctx, "issue_number")),
    actor: actorOf(ctx),
  };
}

const ISSUE_LABELS = "/repos/{owner}/{repo}/issues/{issue_number}/labels";
const REPO_LABELS = "/repos/{owner}/{repo}/labels";

export const labelRoutes: Route[] = [
  { method: "GET", path: ISSUE_LABELS, auth: "token", handle: (ctx) => issueLabels(ctx) },
  {
    method: "POST",
    path: ISSUE_LABELS,
    auth: "token",
    handle: (ctx) => {
      const { repo, issue, actor } = target(ctx);
      addIssueLabels(ctx.state, actor, repo, issue, labelNames(ctx));
      return issueLabels(ctx);
    },
  },
  {
    method: "PUT",
    path: ISSUE_LABELS,
    auth: "token",
    handle: (ctx) => {
      const { repo, issue, actor } = target(ctx);
      setIssueLabels(ctx.state, actor, repo, issue, labelNames(ctx));
      return issueLabels(ctx);
    },
  },
  {
    method: "DELETE",
    path: ISSUE_LABELS,
    auth: "token",
    handle: (ctx) => {
      const { repo, issue, actor } = target(ctx);
      setIssueLabels(ctx.state, actor, repo, issue, []);
      return { status: 204 };
    },
  },
  {
    method: "DELETE",
    path: `${ISSUE_LABELS}/{name}`,
    auth: "token",
    handle: (ctx) => {
      const { repo, issue, actor } = target(ctx);
      removeIssueLabel(ctx.state, actor, repo, issue, ctx.params.name ?? "");
      return issueLabels(ctx);
    },
  },
  {
    method: "POST",
    path: "/repos/{owner}/{repo}/issues/{issue_number}/assignees",
    auth: "token",
    handle: (ctx) => {
      const { repo, issue, actor } = target(ctx);
      assign(ctx.state, actor, repo, issue, stringList(ctx.body.assignees, "assignees", "Issue"));
      return { status: 201, body: renderIssue(ctx.state, repo, issue) };
    },
  },
  {
    method: "DELETE",
    path: "/repos/{owner}/{repo}/issues/{issue_number}/assignees",
    auth: "token",
    handle: (ctx) => {
      const { repo, issue, actor } = target(ctx);
      unassign(ctx.state, actor, repo, issue, stringList(ctx.body.assignees, "assignees", "Issue"));
      return { status: 200, body: renderIssue(ctx.state, repo, issue) };
    },
  },
  {
    method: "GET",
    path: REPO_LABELS,
    auth: "token",
    handle: (ctx) => {
      const repo = repoOf(ctx);
      const page = paginate(ctx, repo.labels);
      return {
        status: 200,
        body: page.items.map((label) => renderLabel(ctx.state, repo, label)),
        headers: page.headers,
      };
    },
  },
  {
    method: "POST",
    path: REPO_LABELS,
    auth: "token",
    handle: (ctx) => {
      const repo = repoOf(ctx);
      const { name, color, description } = ctx.body as {
        name: string;
        color?: string;
        description?: string;
      };
      const label = createLabel(ctx.state, actorOf(ctx), repo, { name, color, description });
      return { status: 201, body: renderLabel(ctx.state, repo, label) };
    },
  },
  {
    method: "GET",
    path: `${REPO_LABELS}/{name}`,
    auth: "token",
    handle: (ctx) => {
      const repo = repoOf(ctx);
      return {
        status: 200,
        body: renderLabel(ctx.state, repo, repoLabel(repo, ctx.params.name ?? "")),
      };
    },
  },
  {
    method: "PATCH",
    path: `${REPO_LABELS}/{name}`,
    auth: "token",
    handle: (ctx) => {
      const repo = repoOf(ctx);
      const label = updateLabel(
        ctx.state,
        actorOf(ctx),
        repo,
        ctx.params.name ?? "",
        ctx.body as { new_name?: string },
      );
      return { status: 200, body: renderLabel(ctx.state, repo, label) };
    },
  },
  {
    method: "DELETE",
    path: `${REPO_LABELS}/{name}`,
    auth: "token",
    handle: (ctx) => {
      deleteLabel(ctx.state, actorOf(ctx), repoOf(ctx), ctx.params.name ?? "");
      return { status: 204 };
    },
  },
];
