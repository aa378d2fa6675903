// Converts GitHub REST JSON (issues, comments, events, timeline) into the core's plain shapes.
// Used by the GitHub port and by CLI commands that read REST JSON from files.
import type { Actor, Issue, IssueComment, IssueEvent } from "./issue.ts";

type Json = Record<string, unknown>;

function actorFrom(value: unknown): Actor | null {
  if (!value || typeof value !== "object") return null;
  const user = value as Json;
  const login = String(user.login ?? "ghost");
  const type = user.type === "Bot" || user.type === "Organization" ? user.type : "User";
  return { login, type };
}

function labelName(label: unknown): string {
  return typeof label === "string" ? label : String((label as Json)?.name ?? "");
}

export function issueFromRest(raw: unknown): Issue {
  const issue = raw as Json;
  return {
    number: Number(issue.number),
    title: String(issue.title ?? ""),
    body: typeof issue.body === "string" ? issue.body : "",
    state: issue.state === "closed" ? "closed" : "open",
    stateReason: (issue.state_reason as string | null | undefined) ?? null,
    labels: Array.isArray(issue.labels) ? issue.labels.map(labelName).filter(Boolean) : [],
    author: actorFrom(issue.user) ?? { login: "ghost", type: "User" },
    assignees: Array.isArray(issue.assignees)
      ? issue.assignees.map((user) => actorFrom(user)?.login ?? "").filter(Boolean)
      : [],
    createdAt: String(issue.created_at),
    updatedAt: String(issue.updated_at ?? issue.created_at),
    closedAt: (issue.closed_at as string | null | undefined) ?? null,
    isPullRequest: issue.pull_request !== undefined && issue.pull_request !== null,
    htmlUrl: String(issue.html_url ?? ""),
  };
}

export function commentFromRest(raw: unknown): IssueComment {
  const comment = raw as Json;
  return {
    id: Number(comment.id),
    body: typeof comment.body === "string" ? comment.body : "",
    author: actorFrom(comment.user) ?? { login: "ghost", type: "User" },
    createdAt: String(comment.created_at),
    updatedAt: String(comment.updated_at ?? comment.created_at),
    htmlUrl: String(comment.html_url ?? ""),
  };
}

/** Accepts both `/issues/{n}/events` and `/issues/{n}/timeline` entries. */
export function eventFromRest(raw: unknown): IssueEvent {
  const entry = raw as Json;
  const event: IssueEvent = {
    id: (entry.id as number | string | undefined) ?? `${entry.event}-${entry.created_at}`,
    event: String(entry.event),
    actor: actorFrom(entry.actor ?? entry.user),
    createdAt: String(entry.created_at ?? entry.submitted_at ?? ""),
  };
  if (entry.label) event.label = labelName(entry.label);
  if (entry.assignee) event.assignee = actorFrom(entry.assignee)?.login;
  if ("state_reason" in entry) event.stateReason = (entry.state_reason as string | null) ?? null;
  if (typeof entry.body === "string") event.body = entry.body;
  const source = (entry.source as Json | undefined)?.issue as Json | undefined;
  if (source) {
    event.source = {
      kind: source.pull_request ? "pull_request" : "issue",
      number: Number(source.number),
      title: String(source.title ?? ""),
      url: String(source.html_url ?? ""),
    };
  } else if (typeof entry.commit_id === "string") {
    event.source = { kind: "commit", sha: entry.commit_id, url: String(entry.commit_url ?? "") };
  }
  return event;
}
