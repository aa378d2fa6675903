// Issue comments: create, edit, delete, each with its issue_comment webhook.
import type { Account, Comment, IssueRecord, Repo } from "../model.ts";
import { HttpError, type SandboxState } from "../state.ts";
import { invalid } from "./labels.ts";
import { recordCrossReferences } from "./references.ts";

export function addComment(
  state: SandboxState,
  actor: Account,
  repo: Repo,
  issue: IssueRecord,
  body: string,
): Comment {
  if (typeof body !== "string" || body === "")
    throw invalid("IssueComment", "body", "missing_field");
  const at = state.now();
  const comment: Comment = {
    id: state.id(),
    issueNumber: issue.number,
    body,
    user: actor,
    createdAt: at,
    updatedAt: at,
  };
  issue.comments.push(comment);
  issue.updatedAt = at;
  state.emit("issue_comment", "created", { repo, sender: actor, issue, comment });
  recordCrossReferences(state, actor, repo, issue, body);
  return comment;
}

export function findComment(repo: Repo, id: number): { issue: IssueRecord; comment: Comment } {
  for (const issue of repo.issues.values()) {
    const comment = issue.comments.find((candidate) => candidate.id === id);
    if (comment) return { issue, comment };
  }
  throw new HttpError(
    404,
    "Not Found",
    undefined,
    "https://docs.github.com/rest/issues/comments#get-an-issue-comment",
  );
}

export function editComment(
  state: SandboxState,
  actor: Account,
  repo: Repo,
  id: number,
  body: string,
): Comment {
  if (typeof body !== "string" || body === "")
    throw invalid("IssueComment", "body", "missing_field");
  const { issue, comment } = findComment(repo, id);
  const from = comment.body;
  comment.body = body;
  comment.updatedAt = state.now();
  state.emit("issue_comment", "edited", {
    repo,
    sender: actor,
    issue,
    comment,
    fields: { changes: { body: { from } } },
  });
  return comment;
}

export function deleteComment(state: SandboxState, actor: Account, repo: Repo, id: number): void {
  const { issue, comment } = findComment(repo, id);
  issue.comments = issue.comments.filter((candidate) => candidate !== comment);
  state.emit("issue_comment", "deleted", { repo, sender: actor, issue, comment });
}
