// Merging a pull request: a merge commit lands on the default branch, the pull request closes, and
// issues its body closes with a keyword ("Fixes #12") close with that commit, as on GitHub.
import type { Account, IssueRecord, Repo } from "../model.ts";
import type { SandboxState } from "../state.ts";
import { addCommit } from "./commits.ts";

const CLOSING = /\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\s*:?\s+#(\d+)\b/gi;

function closeWithCommit(
  state: SandboxState,
  actor: Account,
  issue: IssueRecord,
  sha: string,
): void {
  const at = state.now();
  issue.state = "closed";
  issue.stateReason = issue.isPullRequest ? null : "completed";
  issue.closedAt = at;
  issue.closedBy = actor;
  issue.updatedAt = at;
  issue.events.push({
    id: state.id(),
    event: "closed",
    actor,
    createdAt: at,
    stateReason: issue.stateReason,
    commitId: sha,
  });
}

export function mergePullRequest(
  state: SandboxState,
  actor: Account,
  repo: Repo,
  pull: IssueRecord,
): string {
  if (!pull.isPullRequest)
    throw new Error(`sandbox: #${pull.number} in ${repo.fullName} is an issue, not a pull request`);
  if (pull.state === "closed")
    throw new Error(`sandbox: pull request #${pull.number} is already closed`);
  const commit = addCommit(state, repo, {
    message: `${pull.title} (#${pull.number})\n\n${pull.body ?? ""}`.trim(),
    author: pull.user.login,
  });
  pull.mergedAt = state.now();
  pull.mergeCommitSha = commit.sha;
  closeWithCommit(state, actor, pull, commit.sha);
  state.emit("pull_request", "closed", { repo, sender: actor, issue: pull });
  for (const match of (pull.body ?? "").matchAll(CLOSING)) {
    const issue = repo.issues.get(Number(match[1]));
    if (!issue || issue.isPullRequest || issue.state === "closed") continue;
    closeWithCommit(state, actor, issue, commit.sha);
    state.emit("issues", "closed", { repo, sender: actor, issue });
  }
  return commit.sha;
}
