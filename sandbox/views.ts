// What tests read back from the sandbox: issues as plain data, with logins instead of accounts.
import type { IssueRecord } from "./model.ts";

export interface IssueView {
  number: number;
  title: string;
  body: string | null;
  state: "open" | "closed";
  stateReason: string | null;
  isPullRequest: boolean;
  labels: string[];
  assignees: string[];
  comments: { id: number; body: string; user: string; createdAt: string }[];
  events: {
    event: string;
    actor: string;
    label?: string;
    assignee?: string;
    stateReason?: string | null;
    createdAt: string;
  }[];
}

export function viewOf(issue: IssueRecord): IssueView {
  return {
    number: issue.number,
    title: issue.title,
    body: issue.body,
    state: issue.state,
    stateReason: issue.stateReason,
    isPullRequest: issue.isPullRequest,
    labels: issue.labels.map((label) => label.name),
    assignees: issue.assignees.map((user) => user.login),
    comments: issue.comments.map((comment) => ({
      id: comment.id,
      body: comment.body,
      user: comment.user.login,
      createdAt: comment.createdAt,
    })),
    events: issue.events.map((event) => ({
      event: event.event,
      actor: event.actor.login,
      ...(event.label ? { label: event.label.name } : {}),
      ...(event.assignee ? { assignee: event.assignee.login } : {}),
      ...(event.stateReason !== undefined ? { stateReason: event.stateReason } : {}),
      createdAt: event.createdAt,
    })),
  };
}
