// A scripted human: each call changes the sandbox the way that person would in GitHub's UI, and
// so queues the webhooks GitHub would send for it.
import { addComment, editComment } from "./changes/comments.ts";
import {
  assign,
  closeIssue,
  editIssue,
  openIssue,
  reopenIssue,
  unassign,
} from "./changes/issues.ts";
import { addIssueLabels, removeIssueLabel } from "./changes/labels.ts";
import { mergePullRequest } from "./changes/pulls.ts";
import type { Account, StateReason } from "./model.ts";
import type { SandboxState } from "./state.ts";

export interface IssueDraft {
  title: string;
  body?: string;
  labels?: string[];
  assignees?: string[];
}

export class ScriptedUser {
  private readonly state: SandboxState;
  readonly user: Account;

  constructor(state: SandboxState, user: Account) {
    this.state = state;
    this.user = user;
  }

  private target(repo: string, number: number) {
    return { repo: this.state.repoNamed(repo), issue: this.state.issueNumbered(repo, number) };
  }

  async openIssue(repo: string, draft: IssueDraft): Promise<number> {
    return openIssue(this.state, this.user, this.state.repoNamed(repo), draft).number;
  }

  async openPullRequest(repo: string, draft: { title: string; body?: string }): Promise<number> {
    return openIssue(this.state, this.user, this.state.repoNamed(repo), {
      ...draft,
      isPullRequest: true,
    }).number;
  }

  /** Merges the pull request; issues its body closes with a keyword ("Fixes #3") close too. Returns the merge commit SHA. */
  async mergePullRequest(repo: string, number: number): Promise<string> {
    const { repo: record, issue } = this.target(repo, number);
    return mergePullRequest(this.state, this.user, record, issue);
  }

  async editIssue(
    repo: string,
    number: number,
    change: { title?: string; body?: string },
  ): Promise<void> {
    const { repo: record, issue } = this.target(repo, number);
    editIssue(this.state, this.user, record, issue, change);
  }

  async comment(repo: string, number: number, body: string): Promise<number> {
    const { repo: record, issue } = this.target(repo, number);
    return addComment(this.state, this.user, record, issue, body).id;
  }

  async editComment(repo: string, commentId: number, body: string): Promise<void> {
    editComment(this.state, this.user, this.state.repoNamed(repo), commentId, body);
  }

  async addLabels(repo: string, number: number, labels: string[]): Promise<void> {
    const { repo: record, issue } = this.target(repo, number);
    addIssueLabels(this.state, this.user, record, issue, labels);
  }

  async removeLabel(repo: string, number: number, label: string): Promise<void> {
    const { repo: record, issue } = this.target(repo, number);
    removeIssueLabel(this.state, this.user, record, issue, label);
  }

  async close(
    repo: string,
    number: number,
    reason: Exclude<StateReason, "reopened"> = "completed",
  ): Promise<void> {
    const { repo: record, issue } = this.target(repo, number);
    closeIssue(this.state, this.user, record, issue, reason);
  }

  async reopen(repo: string, number: number): Promise<void> {
    const { repo: record, issue } = this.target(repo, number);
    reopenIssue(this.state, this.user, record, issue);
  }

  async assign(repo: string, number: number, logins: string[]): Promise<void> {
    const { repo: record, issue } = this.target(repo, number);
    assign(this.state, this.user, record, issue, logins);
  }

  async unassign(repo: string, number: number, logins: string[]): Promise<void> {
    const { repo: record, issue } = this.target(repo, number);
    unassign(this.state, this.user, record, issue, logins);
  }
}
