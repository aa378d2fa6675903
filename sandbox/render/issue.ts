// Renders issues, labels, comments and issue events as GitHub's REST JSON; webhook payloads
// reuse these, since GitHub's webhook objects are the REST objects.
import { nodeId } from "../changes/repos.ts";
import type { Account, Comment, IssueEventRecord, IssueRecord, Label, Repo } from "../model.ts";
import type { SandboxState } from "../state.ts";
import { repoApi } from "./repo.ts";
import { renderUser } from "./user.ts";

type Json = Record<string, unknown>;

export function renderLabel(state: SandboxState, repo: Repo, label: Label): Json {
  return {
    id: label.id,
    node_id: nodeId("LA", label.id),
    url: `${repoApi(state, repo)}/labels/${encodeURIComponent(label.name)}`,
    name: label.name,
    color: label.color,
    default: label.isDefault,
    description: label.description,
  };
}

function reactions(url: string): Json {
  return {
    url: `${url}/reactions`,
    total_count: 0,
    "+1": 0,
    "-1": 0,
    laugh: 0,
    hooray: 0,
    confused: 0,
    heart: 0,
    rocket: 0,
    eyes: 0,
  };
}

export function authorAssociation(state: SandboxState, repo: Repo, user: Account): string {
  if (user.type === "Bot") return "NONE";
  if (repo.owner === user) return "OWNER";
  const permission = state.permissionOf(repo, user.login);
  return permission === "none" || permission === "read" ? "NONE" : "COLLABORATOR";
}

export function renderIssue(state: SandboxState, repo: Repo, issue: IssueRecord): Json {
  const url = `${repoApi(state, repo)}/issues/${issue.number}`;
  const kind = issue.isPullRequest ? "pull" : "issues";
  const rendered: Json = {
    url,
    repository_url: repoApi(state, repo),
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: `${state.webUrl}/${repo.fullName}/${kind}/${issue.number}`,
    id: issue.id,
    node_id: nodeId(issue.isPullRequest ? "PR" : "I", issue.id),
    number: issue.number,
    title: issue.title,
    user: renderUser(state, issue.user),
    labels: issue.labels.map((label) => renderLabel(state, repo, label)),
    state: issue.state,
    locked: false,
    assignee: issue.assignees[0] ? renderUser(state, issue.assignees[0]) : null,
    assignees: issue.assignees.map((user) => renderUser(state, user)),
    milestone: null,
    comments: issue.comments.length,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    author_association: authorAssociation(state, repo, issue.user),
    active_lock_reason: null,
    body: issue.body,
    closed_by: issue.closedBy ? renderUser(state, issue.closedBy) : null,
    reactions: reactions(url),
    timeline_url: `${url}/timeline`,
    performed_via_github_app: null,
    state_reason: issue.stateReason,
    draft: false,
  };
  if (issue.isPullRequest) {
    const pull = `${repoApi(state, repo)}/pulls/${issue.number}`;
    rendered.pull_request = {
      url: pull,
      html_url: `${state.webUrl}/${repo.fullName}/pull/${issue.number}`,
      diff_url: `${state.webUrl}/${repo.fullName}/pull/${issue.number}.diff`,
      patch_url: `${state.webUrl}/${repo.fullName}/pull/${issue.number}.patch`,
      merged_at: issue.mergedAt ?? null,
    };
  }
  return rendered;
}

export function renderComment(state: SandboxState, repo: Repo, comment: Comment): Json {
  const url = `${repoApi(state, repo)}/issues/comments/${comment.id}`;
  return {
    url,
    html_url: `${state.webUrl}/${repo.fullName}/issues/${comment.issueNumber}#issuecomment-${comment.id}`,
    issue_url: `${repoApi(state, repo)}/issues/${comment.issueNumber}`,
    id: comment.id,
    node_id: nodeId("IC", comment.id),
    user: renderUser(state, comment.user),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    author_association: authorAssociation(state, repo, comment.user),
    body: comment.body,
    reactions: reactions(url),
    performed_via_github_app: null,
  };
}

/** One entry of /issues/{n}/events or /issues/events (timeline-only kinds are rendered elsewhere). */
export function renderIssueEvent(
  state: SandboxState,
  repo: Repo,
  event: IssueEventRecord,
  issue?: IssueRecord,
): Json {
  const rendered: Json = {
    id: event.id,
    node_id: nodeId("E", event.id),
    url: `${repoApi(state, repo)}/issues/events/${event.id}`,
    actor: renderUser(state, event.actor),
    event: event.event,
    commit_id: event.commitId ?? null,
    commit_url: event.commitId ? `${repoApi(state, repo)}/commits/${event.commitId}` : null,
    created_at: event.createdAt,
    performed_via_github_app: null,
  };
  if (event.label) rendered.label = event.label;
  if (event.assignee) {
    rendered.assignee = renderUser(state, event.assignee);
    rendered.assigner = renderUser(state, event.actor);
  }
  if (event.stateReason !== undefined) rendered.state_reason = event.stateReason;
  if (event.rename) rendered.rename = event.rename;
  if (issue) rendered.issue = renderIssue(state, repo, issue);
  return rendered;
}
