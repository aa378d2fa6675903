// Builds the payload GitHub would send: the real example for the event and action, with its
// repository, sender, installation and subject objects replaced by the sandbox's current state.
import { nodeId } from "../changes/repos.ts";
import type { Account, IssueRecord, Repo } from "../model.ts";
import { renderComment, renderIssue, renderLabel } from "../render/issue.ts";
import { renderInstallation, renderRelease, renderRepo } from "../render/repo.ts";
import { renderUser } from "../render/user.ts";
import type { SandboxState, WebhookParts } from "../state.ts";
import { exampleFor } from "./examples.ts";

type Json = Record<string, unknown>;

function renderOrganization(state: SandboxState, owner: Account): Json {
  const api = `${state.apiUrl}/orgs/${owner.login}`;
  return {
    login: owner.login,
    id: owner.id,
    node_id: nodeId("O", owner.id),
    url: api,
    repos_url: `${api}/repos`,
    events_url: `${api}/events`,
    hooks_url: `${api}/hooks`,
    issues_url: `${api}/issues`,
    members_url: `${api}/members{/member}`,
    public_members_url: `${api}/public_members{/member}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${owner.id}?v=4`,
    description: null,
  };
}

/**
 * The sandbox models a pull request as its issue; the webhook needs a pull request object, so the
 * example's branch details are kept and everything the sandbox knows replaces the rest.
 */
function pullRequestOf(
  state: SandboxState,
  repo: Repo,
  record: IssueRecord,
  example: Json = {},
): Json {
  const { pull_request: _links, ...fields } = renderIssue(state, repo, record);
  const repository = renderRepo(state, repo);
  const branch = (side: unknown, ref: string): Json => ({
    ...(side as Json),
    ref,
    label: `${repo.owner.login}:${ref}`,
    repo: repository,
    user: repository.owner,
  });
  return {
    ...example,
    ...fields,
    url: `${state.apiUrl}/repos/${repo.fullName}/pulls/${record.number}`,
    auto_merge: null,
    merged: Boolean(record.mergedAt),
    merged_at: record.mergedAt ?? null,
    merge_commit_sha: record.mergeCommitSha ?? null,
    base: branch(example.base, repo.defaultBranch),
    head: branch(example.head, `patch-${record.number}`),
  };
}

export function buildPayload(
  state: SandboxState,
  event: string,
  action: string | undefined,
  parts: WebhookParts,
): Json {
  const payload: Json = exampleFor(event, action) ?? {};
  if (action !== undefined) payload.action = action;
  else delete payload.action;
  const { repo } = parts;
  if (repo && parts.issue) {
    const issue = renderIssue(state, repo, parts.issue);
    if (event === "pull_request") {
      payload.pull_request = pullRequestOf(
        state,
        repo,
        parts.issue,
        payload.pull_request as Json | undefined,
      );
      payload.number = parts.issue.number;
    } else {
      payload.issue = issue;
    }
  }
  if (repo && parts.comment) payload.comment = renderComment(state, repo, parts.comment);
  if (repo && parts.label) payload.label = renderLabel(state, repo, parts.label);
  if (repo && parts.release) payload.release = renderRelease(state, repo, parts.release);
  if (repo) payload.repository = renderRepo(state, repo);
  else delete payload.repository;
  const owner = repo?.owner ?? parts.installation?.account;
  if (owner?.type === "Organization") payload.organization = renderOrganization(state, owner);
  else delete payload.organization;
  payload.sender = renderUser(state, parts.sender);
  const installation =
    parts.installation ?? (repo ? state.installationFor(repo.owner.login) : undefined);
  if ((event === "installation" || event === "installation_repositories") && installation) {
    payload.installation = renderInstallation(state, installation);
  } else if (installation) {
    payload.installation = {
      id: installation.id,
      node_id: nodeId("MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9u", installation.id),
    };
  } else {
    delete payload.installation;
  }
  if (parts.assignee) payload.assignee = renderUser(state, parts.assignee);
  else delete payload.assignee;
  if (!parts.fields?.changes) delete payload.changes;
  Object.assign(payload, parts.fields ?? {});
  return payload;
}
