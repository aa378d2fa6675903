// Issue events (per issue and repository-wide) and the issue timeline, which adds comments and
// cross-references to the events, oldest first.
import { paginate } from "../http/paginate.ts";
import { numberParam, type RequestContext, type Route, repoOf } from "../http/route.ts";
import type { IssueEventRecord, IssueRecord, Repo } from "../model.ts";
import { renderComment, renderIssue, renderIssueEvent } from "../render/issue.ts";
import { renderUser } from "../render/user.ts";
import { HttpError } from "../state.ts";

/** Kinds that /events lists; cross-references only show in the timeline, as on GitHub. */
const EVENT_KINDS = new Set([
  "labeled",
  "unlabeled",
  "closed",
  "reopened",
  "assigned",
  "unassigned",
  "renamed",
]);

function timelineEntry(
  ctx: RequestContext,
  repo: Repo,
  event: IssueEventRecord,
): Record<string, unknown> {
  if (event.event !== "cross-referenced" || !event.source)
    return renderIssueEvent(ctx.state, repo, event);
  const sourceRepo = ctx.state.repo(event.source.repo);
  const source = ctx.state.issue(sourceRepo, event.source.number);
  return {
    event: "cross-referenced",
    actor: renderUser(ctx.state, event.actor),
    created_at: event.createdAt,
    updated_at: event.createdAt,
    source: {
      type: "issue",
      issue: { ...renderIssue(ctx.state, sourceRepo, source), repository: undefined },
    },
  };
}

function timeline(ctx: RequestContext, repo: Repo, issue: IssueRecord) {
  const entries: { at: string; id: number; json: Record<string, unknown> }[] = [];
  for (const event of issue.events) {
    entries.push({ at: event.createdAt, id: event.id, json: timelineEntry(ctx, repo, event) });
  }
  for (const comment of issue.comments) {
    entries.push({
      at: comment.createdAt,
      id: comment.id,
      json: {
        ...renderComment(ctx.state, repo, comment),
        event: "commented",
        actor: renderUser(ctx.state, comment.user),
      },
    });
  }
  // Ids grow with creation, so they order entries that share a timestamp under a still clock.
  entries.sort((a, b) => (a.at === b.at ? a.id - b.id : a.at < b.at ? -1 : 1));
  return entries.map((entry) => entry.json);
}

export const eventRoutes: Route[] = [
  {
    method: "GET",
    path: "/repos/{owner}/{repo}/issues/events",
    auth: "token",
    handle: (ctx) => {
      const repo = repoOf(ctx);
      const all = [...repo.issues.values()]
        .flatMap((issue) =>
          issue.events
            .filter((event) => EVENT_KINDS.has(event.event))
            .map((event) => ({ issue, event })),
        )
        .sort((a, b) => b.event.id - a.event.id);
      const page = paginate(ctx, all);
      return {
        status: 200,
        body: page.items.map(({ issue, event }) => renderIssueEvent(ctx.state, repo, event, issue)),
        headers: page.headers,
      };
    },
  },
  {
    method: "GET",
    path: "/repos/{owner}/{repo}/issues/events/{event_id}",
    auth: "token",
    handle: (ctx) => {
      const repo = repoOf(ctx);
      const id = numberParam(ctx, "event_id");
      for (const issue of repo.issues.values()) {
        const event = issue.events.find(
          (candidate) => candidate.id === id && EVENT_KINDS.has(candidate.event),
        );
        if (event) return { status: 200, body: renderIssueEvent(ctx.state, repo, event, issue) };
      }
      throw new HttpError(404, "Not Found");
    },
  },
  {
    method: "GET",
    path: "/repos/{owner}/{repo}/issues/{issue_number}/events",
    auth: "token",
    handle: (ctx) => {
      const repo = repoOf(ctx);
      const issue = ctx.state.issue(repo, numberParam(ctx, "issue_number"));
      const page = paginate(
        ctx,
        issue.events.filter((event) => EVENT_KINDS.has(event.event)),
      );
      return {
        status: 200,
        body: page.items.map((event) => renderIssueEvent(ctx.state, repo, event)),
        headers: page.headers,
      };
    },
  },
  {
    method: "GET",
    path: "/repos/{owner}/{repo}/issues/{issue_number}/timeline",
    auth: "token",
    handle: (ctx) => {
      const repo = repoOf(ctx);
      const page = paginate(
        ctx,
        timeline(ctx, repo, ctx.state.issue(repo, numberParam(ctx, "issue_number"))),
      );
      return { status: 200, body: page.items, headers: page.headers };
    },
  },
];
