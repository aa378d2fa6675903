// Opening, editing, closing and assigning issues (and the thin pull requests the sandbox models),
// recording the events GitHub's timeline shows and queueing the webhooks GitHub sends.
import type { Account, IssueRecord, Repo, StateReason } from "../model.ts";
import type { SandboxState } from "../state.ts";
import { addIssueLabels, invalid, issueEventName } from "./labels.ts";
import { recordCrossReferences } from "./references.ts";

export interface NewIssueInput {
  title: string;
  body?: string | null;
  labels?: string[];
  assignees?: string[];
  isPullRequest?: boolean;
}

export function openIssue(
  state: SandboxState,
  actor: Account,
  repo: Repo,
  input: NewIssueInput,
): IssueRecord {
  if (typeof input.title !== "string" || input.title.trim() === "") {
    throw invalid("Issue", "title", "missing_field");
  }
  const at = state.now();
  const issue: IssueRecord = {
    id: state.id(),
    number: repo.nextNumber++,
    title: input.title,
    body: input.body ?? null,
    user: actor,
    state: "open",
    stateReason: null,
    labels: [],
    assignees: [],
    comments: [],
    events: [],
    createdAt: at,
    updatedAt: at,
    closedAt: null,
    closedBy: null,
    isPullRequest: input.isPullRequest ?? false,
  };
  repo.issues.set(issue.number, issue);
  // GitHub applies creation-time labels and assignees before announcing the issue: `opened` shows
  // them, and the labeled/assigned events follow it.
  const emit = state.emit;
  const deferred: Parameters<typeof emit>[] = [];
  state.emit = (...args) => deferred.push(args);
  try {
    addIssueLabels(state, actor, repo, issue, input.labels ?? []);
    assign(state, actor, repo, issue, input.assignees ?? []);
  } finally {
    state.emit = emit;
  }
  emit(issueEventName(issue), "opened", { repo, sender: actor, issue });
  for (const args of deferred) emit(...args);
  recordCrossReferences(state, actor, repo, issue, issue.body);
  return issue;
}

export function editIssue(
  state: SandboxState,
  actor: Account,
  repo: Repo,
  issue: IssueRecord,
  change: { title?: string; body?: string | null },
): void {
  const changes: Record<string, { from: unknown }> = {};
  if (change.title !== undefined && change.title !== issue.title) {
    if (change.title.trim() === "") throw invalid("Issue", "title", "missing_field");
    changes.title = { from: issue.title };
    issue.events.push({
      id: state.id(),
      event: "renamed",
      actor,
      createdAt: state.now(),
      rename: { from: issue.title, to: change.title },
    });
    issue.title = change.title;
  }
  if (change.body !== undefined && change.body !== issue.body) {
    changes.body = { from: issue.body ?? "" };
    issue.body = change.body;
  }
  if (Object.keys(changes).length === 0) return;
  issue.updatedAt = state.now();
  state.emit(issueEventName(issue), "edited", { repo, sender: actor, issue, fields: { changes } });
  if (changes.body) recordCrossReferences(state, actor, repo, issue, issue.body);
}

export function closeIssue(
  state: SandboxState,
  actor: Account,
  repo: Repo,
  issue: IssueRecord,
  reason: StateReason = "completed",
): void {
  if (issue.state === "closed") return;
  if (reason === "reopened") throw invalid("Issue", "state_reason", "invalid");
  const at = state.now();
  issue.state = "closed";
  issue.stateReason = reason;
  issue.closedAt = at;
  issue.closedBy = actor;
  issue.updatedAt = at;
  issue.events.push({ id: state.id(), event: "closed", actor, createdAt: at, stateReason: reason });
  state.emit(issueEventName(issue), "closed", { repo, sender: actor, issue });
}

export function reopenIssue(
  state: SandboxState,
  actor: Account,
  repo: Repo,
  issue: IssueRecord,
): void {
  if (issue.state === "open") return;
  const at = state.now();
  issue.state = "open";
  issue.stateReason = "reopened";
  issue.closedAt = null;
  issue.updatedAt = at;
  issue.events.push({
    id: state.id(),
    event: "reopened",
    actor,
    createdAt: at,
    stateReason: "reopened",
  });
  state.emit(issueEventName(issue), "reopened", { repo, sender: actor, issue });
}

export function assign(
  state: SandboxState,
  actor: Account,
  repo: Repo,
  issue: IssueRecord,
  logins: string[],
): void {
  for (const login of logins) {
    if (issue.assignees.some((user) => user.login.toLowerCase() === login.toLowerCase())) continue;
    const assignee = state.findAccount(login);
    // GitHub silently drops assignees who cannot be assigned; unknown users are the sandbox's version.
    if (!assignee) continue;
    issue.assignees.push(assignee);
    const at = state.now();
    issue.updatedAt = at;
    issue.events.push({ id: state.id(), event: "assigned", actor, createdAt: at, assignee });
    state.emit(issueEventName(issue), "assigned", { repo, sender: actor, issue, assignee });
  }
}

export function unassign(
  state: SandboxState,
  actor: Account,
  repo: Repo,
  issue: IssueRecord,
  logins: string[],
): void {
  for (const login of logins) {
    const assignee = issue.assignees.find(
      (user) => user.login.toLowerCase() === login.toLowerCase(),
    );
    if (!assignee) continue;
    issue.assignees = issue.assignees.filter((user) => user !== assignee);
    const at = state.now();
    issue.updatedAt = at;
    issue.events.push({ id: state.id(), event: "unassigned", actor, createdAt: at, assignee });
    state.emit(issueEventName(issue), "unassigned", { repo, sender: actor, issue, assignee });
  }
}

/** Makes the assignee list exactly `logins`. */
export function setAssignees(
  state: SandboxState,
  actor: Account,
  repo: Repo,
  issue: IssueRecord,
  logins: string[],
): void {
  const wanted = new Set(logins.map((login) => login.toLowerCase()));
  const leaving = issue.assignees.filter((user) => !wanted.has(user.login.toLowerCase()));
  unassign(
    state,
    actor,
    repo,
    issue,
    leaving.map((user) => user.login),
  );
  assign(state, actor, repo, issue, logins);
}
