// The sandbox's state: plain records that the REST routes render and the scripted users change.

export type AccountType = "User" | "Organization" | "Bot";
export type RepoPermission = "admin" | "maintain" | "write" | "triage" | "read";
export type StateReason = "completed" | "not_planned" | "duplicate" | "reopened";

export interface Account {
  id: number;
  login: string;
  type: AccountType;
}

export interface Label {
  id: number;
  name: string;
  color: string;
  description: string | null;
  isDefault: boolean;
}

export interface Comment {
  id: number;
  issueNumber: number;
  body: string;
  user: Account;
  createdAt: string;
  updatedAt: string;
}

export interface IssueEventRecord {
  id: number;
  event: string;
  actor: Account;
  createdAt: string;
  label?: { name: string; color: string };
  assignee?: Account;
  stateReason?: StateReason | null;
  rename?: { from: string; to: string };
  /** For closed events caused by a merged pull request's commit. */
  commitId?: string;
  /** For cross-referenced events: the issue or PR that mentioned this one. */
  source?: { repo: string; number: number };
}

export interface IssueRecord {
  id: number;
  number: number;
  title: string;
  body: string | null;
  user: Account;
  state: "open" | "closed";
  stateReason: StateReason | null;
  labels: Label[];
  assignees: Account[];
  comments: Comment[];
  events: IssueEventRecord[];
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  closedBy: Account | null;
  isPullRequest: boolean;
  /** For pull requests: when it was merged, and the merge commit. */
  mergedAt?: string | null;
  mergeCommitSha?: string | null;
}

export interface Release {
  id: number;
  tagName: string;
  targetCommitish: string;
  name: string | null;
  body: string | null;
  draft: boolean;
  prerelease: boolean;
  author: Account;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
}

export interface SarifUpload {
  id: string;
  commitSha: string;
  ref: string;
  sarif: string;
  toolName?: string;
  receivedAt: string;
}

export interface CommitRecord {
  sha: string;
  message: string;
  /** The GitHub account the commit is linked to, if any (unlinked emails have none). */
  author: Account | null;
  authorName: string;
  authorEmail: string;
  date: string;
  parents: string[];
}

export interface Repo {
  id: number;
  owner: Account;
  name: string;
  fullName: string;
  defaultBranch: string;
  /** Files on the default branch, by path. */
  files: Map<string, string>;
  labels: Label[];
  issues: Map<number, IssueRecord>;
  nextNumber: number;
  permissions: Map<string, RepoPermission>;
  releases: Release[];
  tags: { name: string; sha: string }[];
  sarifs: SarifUpload[];
  /** Commits on the default branch, oldest first. */
  commits: CommitRecord[];
  createdAt: string;
  updatedAt: string;
}

export interface Installation {
  id: number;
  account: Account;
  repos: Set<string>;
  createdAt: string;
}

/** Who a token acts as: a user (PAT) or the app's bot through an installation. */
export interface TokenGrant {
  token: string;
  actor: Account;
  installationId?: number;
  expiresAt: string;
}
