// Issues: list (with GitHub's filters, pull requests included), create, get and update.
import { closeIssue, editIssue, openIssue, reopenIssue, setAssignees } from "../changes/issues.ts";
import { setIssueLabels } from "../changes/labels.ts";
import { paginate } from "../http/paginate.ts";
import {
  actorOf,
  numberParam,
  type RequestContext,
  type Route,
  repoOf,
  stringList,
  timeParam,
} from "../http/route.ts";
import type { IssueRecord, Repo, StateReason } from "../model.ts";
import { renderIssue } from "../render/issue.ts";
import { HttpError } from "../state.ts";

const STATE_REASONS = new Set(["completed", "not_planned", "duplicate", "reopened"]);

export function sortIssues(
  issues: IssueRecord[],
  sort: string | null,
  direction: string | null,
): IssueRecord[] {
  const key = (issue: IssueRecord): string | number =>
    sort === "updated"
      ? issue.updatedAt
      : sort === "comments"
        ? issue.comments.length
        : issue.createdAt;
  const sign = direction === "asc" ? 1 : -1;
  // Ties (same timestamp under a manual clock) fall back to the number, as creation order.
  return [...issues].sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    if (ka !== kb) return ka < kb ? -sign : sign;
    return (a.number - b.number) * sign;
  });
}

function listIssues(ctx: RequestContext) {
  const repo = repoOf(ctx);
  const state = ctx.query.get("state") ?? "open";
  const labels = (ctx.query.get("labels") ?? "")
    .split(",")
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  const since = timeParam(ctx, "since");
  const assignee = ctx.query.get("assignee");
  const creator = ctx.query.get("creator");
  const matching = [...repo.issues.values()].filter((issue) => {
    if (state !== "all" && issue.state !== state) return false;
    const names = new Set(issue.labels.map((label) => label.name.toLowerCase()));
    if (!labels.every((name) => names.has(name))) return false;
    if (since !== undefined && Date.parse(issue.updatedAt) < since) return false;
    if (creator && issue.user.login.toLowerCase() !== creator.toLowerCase()) return false;
    if (assignee === "none" && issue.assignees.length > 0) return false;
    if (assignee === "*" && issue.assignees.length === 0) return false;
    if (
      assignee &&
      assignee !== "none" &&
      assignee !== "*" &&
      !issue.assignees.some((user) => user.login.toLowerCase() === assignee.toLowerCase())
    )
      return false;
    return true;
  });
  const page = paginate(
    ctx,
    sortIssues(matching, ctx.query.get("sort"), ctx.query.get("direction")),
  );
  return {
    status: 200,
    body: page.items.map((issue) => renderIssue(ctx.state, repo, issue)),
    headers: page.headers,
  };
}

/**
 * GitHub documents that labels and assignees set by someone who may not manage issues are
 * "silently dropped"; the app's bot (installation token) always may. Triage is the role for it.
 */
function canManageIssues(ctx: RequestContext, repo: Repo): boolean {
  if (ctx.grant?.installationId !== undefined) return true;
  const permission = ctx.state.permissionOf(repo, actorOf(ctx).login);
  return permission !== "none" && permission !== "read";
}

function createIssue(ctx: RequestContext) {
  const repo = repoOf(ctx);
  const title = ctx.body.title;
  const manage = canManageIssues(ctx, repo);
  const issue = openIssue(ctx.state, actorOf(ctx), repo, {
    title: typeof title === "number" ? String(title) : (title as string),
    body: typeof ctx.body.body === "string" ? ctx.body.body : null,
    labels: manage ? stringList(ctx.body.labels, "labels", "Issue") : [],
    assignees: manage
      ? stringList(
          ctx.body.assignees ?? (ctx.body.assignee ? [ctx.body.assignee] : undefined),
          "assignees",
          "Issue",
        )
      : [],
  });
  return {
    status: 201,
    body: renderIssue(ctx.state, repo, issue),
    headers: { location: `${ctx.state.apiUrl}/repos/${repo.fullName}/issues/${issue.number}` },
  };
}

function updateIssue(ctx: RequestContext) {
  const repo = repoOf(ctx);
  const issue = ctx.state.issue(repo, numberParam(ctx, "issue_number"));
  const actor = actorOf(ctx);
  const { title, body, state, state_reason: reason, labels, assignees } = ctx.body;
  if (state !== undefined && state !== "open" && state !== "closed") throw invalidField("state");
  if (reason !== undefined && reason !== null && !STATE_REASONS.has(String(reason)))
    throw invalidField("state_reason");
  editIssue(ctx.state, actor, repo, issue, {
    title: typeof title === "string" || typeof title === "number" ? String(title) : undefined,
    body: typeof body === "string" || body === null ? body : undefined,
  });
  const manage = canManageIssues(ctx, repo);
  if (labels !== undefined && manage)
    setIssueLabels(ctx.state, actor, repo, issue, stringList(labels, "labels", "Issue"));
  if (assignees !== undefined && manage)
    setAssignees(ctx.state, actor, repo, issue, stringList(assignees, "assignees", "Issue"));
  if (
    state === "closed" ||
    (state === undefined && reason && reason !== "reopened" && issue.state === "closed")
  ) {
    closeIssue(ctx.state, actor, repo, issue, (reason as StateReason | null) ?? "completed");
  } else if (state === "open") {
    reopenIssue(ctx.state, actor, repo, issue);
  }
  return { status: 200, body: renderIssue(ctx.state, repo, issue) };
}

function invalidField(field: string): HttpError {
  return new HttpError(422, "Validation Failed", [{ resource: "Issue", field, code: "invalid" }]);
}

export const issueRoutes: Route[] = [
  { method: "GET", path: "/repos/{owner}/{repo}/issues", auth: "token", handle: listIssues },
  { method: "POST", path: "/repos/{owner}/{repo}/issues", auth: "token", handle: createIssue },
  {
    method: "GET",
    path: "/repos/{owner}/{repo}/issues/{issue_number}",
    auth: "token",
    handle: (ctx) => {
      const repo = repoOf(ctx);
      return {
        status: 200,
        body: renderIssue(ctx.state, repo, ctx.state.issue(repo, numberParam(ctx, "issue_number"))),
      };
    },
  },
  {
    method: "PATCH",
    path: "/repos/{owner}/{repo}/issues/{issue_number}",
    auth: "token",
    handle: updateIssue,
  },
];
