// Repository labels and the labels on an issue, with the events and webhooks GitHub records for them.
import type { Account, IssueRecord, Label, Repo } from "../model.ts";
import { HttpError, type SandboxState } from "../state.ts";

/** GitHub creates these in every new repository. */
export const DEFAULT_LABELS: [string, string, string][] = [
  ["bug", "d73a4a", "Something isn't working"],
  ["documentation", "0075ca", "Improvements or additions to documentation"],
  ["duplicate", "cfd3d7", "This issue or pull request already exists"],
  ["enhancement", "a2eeef", "New feature or request"],
  ["good first issue", "7057ff", "Good for newcomers"],
  ["help wanted", "008672", "Extra attention is needed"],
  ["invalid", "e4e669", "This doesn't seem right"],
  ["question", "d876e3", "Further information is requested"],
  ["wontfix", "ffffff", "This will not be worked on"],
];

export interface LabelInput {
  name: string;
  color?: string;
  description?: string | null;
}

const COLOR = /^[0-9a-fA-F]{6}$/;

export function findLabel(repo: Repo, name: string): Label | undefined {
  const wanted = name.toLowerCase();
  return repo.labels.find((label) => label.name.toLowerCase() === wanted);
}

export function repoLabel(repo: Repo, name: string): Label {
  const label = findLabel(repo, name);
  if (!label)
    throw new HttpError(
      404,
      "Not Found",
      undefined,
      "https://docs.github.com/rest/issues/labels#get-a-label",
    );
  return label;
}

export function createLabel(
  state: SandboxState,
  actor: Account,
  repo: Repo,
  input: LabelInput,
): Label {
  if (!input.name || typeof input.name !== "string") {
    throw invalid("Label", "name", "missing_field");
  }
  const color = (input.color ?? "ededed").replace(/^#/, "");
  if (!COLOR.test(color)) throw invalid("Label", "color", "invalid");
  if (findLabel(repo, input.name)) throw invalid("Label", "name", "already_exists");
  const label: Label = {
    id: state.id(),
    name: input.name,
    color: color.toLowerCase(),
    description: input.description ?? null,
    isDefault: false,
  };
  repo.labels.push(label);
  state.emit("label", "created", { repo, sender: actor, label });
  return label;
}

export function updateLabel(
  state: SandboxState,
  actor: Account,
  repo: Repo,
  name: string,
  change: { new_name?: string; color?: string; description?: string | null },
): Label {
  const label = repoLabel(repo, name);
  const changes: Record<string, { from: unknown }> = {};
  if (change.new_name !== undefined && change.new_name !== label.name) {
    const clash = findLabel(repo, change.new_name);
    if (clash && clash !== label) throw invalid("Label", "name", "already_exists");
    changes.name = { from: label.name };
    label.name = change.new_name;
  }
  if (change.color !== undefined) {
    const color = change.color.replace(/^#/, "");
    if (!COLOR.test(color)) throw invalid("Label", "color", "invalid");
    changes.color = { from: label.color };
    label.color = color.toLowerCase();
  }
  if (change.description !== undefined) {
    changes.description = { from: label.description };
    label.description = change.description;
  }
  state.emit("label", "edited", { repo, sender: actor, label, fields: { changes } });
  return label;
}

export function deleteLabel(state: SandboxState, actor: Account, repo: Repo, name: string): void {
  const label = repoLabel(repo, name);
  repo.labels = repo.labels.filter((candidate) => candidate !== label);
  for (const issue of repo.issues.values()) {
    issue.labels = issue.labels.filter((candidate) => candidate !== label);
  }
  state.emit("label", "deleted", { repo, sender: actor, label });
}

/** Adds labels not yet on the issue, creating unknown ones in the repository as GitHub does. */
export function addIssueLabels(
  state: SandboxState,
  actor: Account,
  repo: Repo,
  issue: IssueRecord,
  names: string[],
): void {
  for (const name of names) {
    if (issue.labels.some((label) => label.name.toLowerCase() === name.toLowerCase())) continue;
    const label = findLabel(repo, name) ?? createLabel(state, actor, repo, { name });
    issue.labels.push(label);
    const at = state.now();
    issue.updatedAt = at;
    issue.events.push({
      id: state.id(),
      event: "labeled",
      actor,
      createdAt: at,
      label: { name: label.name, color: label.color },
    });
    state.emit(issueEventName(issue), "labeled", { repo, sender: actor, issue, label });
  }
}

export function removeIssueLabel(
  state: SandboxState,
  actor: Account,
  repo: Repo,
  issue: IssueRecord,
  name: string,
): void {
  const label = issue.labels.find(
    (candidate) => candidate.name.toLowerCase() === name.toLowerCase(),
  );
  if (!label) {
    throw new HttpError(
      404,
      "Label does not exist",
      undefined,
      "https://docs.github.com/rest/issues/labels#remove-a-label-from-an-issue",
    );
  }
  issue.labels = issue.labels.filter((candidate) => candidate !== label);
  const at = state.now();
  issue.updatedAt = at;
  issue.events.push({
    id: state.id(),
    event: "unlabeled",
    actor,
    createdAt: at,
    label: { name: label.name, color: label.color },
  });
  state.emit(issueEventName(issue), "unlabeled", { repo, sender: actor, issue, label });
}

/** Replaces the issue's labels, recording only the difference. */
export function setIssueLabels(
  state: SandboxState,
  actor: Account,
  repo: Repo,
  issue: IssueRecord,
  names: string[],
): void {
  const wanted = new Set(names.map((name) => name.toLowerCase()));
  for (const label of [...issue.labels]) {
    if (!wanted.has(label.name.toLowerCase()))
      removeIssueLabel(state, actor, repo, issue, label.name);
  }
  addIssueLabels(state, actor, repo, issue, names);
}

export function issueEventName(issue: IssueRecord): string {
  return issue.isPullRequest ? "pull_request" : "issues";
}

export function invalid(resource: string, field: string, code: string): HttpError {
  return new HttpError(
    422,
    "Validation Failed",
    [{ resource, field, code }],
    "https://docs.github.com/rest",
  );
}
