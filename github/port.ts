// The one way Upkeep reads and writes GitHub. Named by intent; only the adapter knows endpoint paths.
// Capabilities that need more add a method here and its implementation in octokit-port.ts.
import type { GitHubAdvisory } from "../core/deps/advisories/github.ts";
import type { Issue, IssueComment, IssueEvent, Permission } from "../core/model/issue.ts";

export interface RepoRef {
  owner: string;
  repo: string;
}

export interface LabelSpec {
  name: string;
  color: string;
  description?: string;
}

export interface NewIssue {
  title: string;
  body: string;
  labels?: string[];
  assignees?: string[];
  /**
   * What this issue is for, deterministically ("rca:incident:12"): creating with a key adopts the
   * issue this identity already created with it, and is safe to retry after a lost response.
   */
  key?: string;
}

export interface IssueChange {
  title?: string;
  body?: string;
  state?: "open" | "closed";
  stateReason?: "completed" | "not_planned" | "duplicate" | "reopened";
  labels?: string[];
  assignees?: string[];
}

export interface IssueListQuery {
  state?: "open" | "closed" | "all";
  /** Only issues carrying all of these labels. */
  labels?: string[];
  since?: string;
  sort?: "created" | "updated";
  direction?: "asc" | "desc";
}

export interface GitHubPort {
  readonly repo: RepoRef;
  /**
   * The login this port writes as (github/identity.ts). Upkeep edits, deletes and trusts only
   * comments and issues this login wrote, whatever markers other text carries.
   */
  readonly botLogin: string;

  getIssue(number: number): Promise<Issue>;
  /** Pages through issues (pull requests included; check `isPullRequest`). */
  listIssues(query: IssueListQuery): AsyncIterable<Issue>;
  createIssue(issue: NewIssue): Promise<Issue>;
  updateIssue(number: number, change: IssueChange): Promise<Issue>;

  addLabels(number: number, labels: string[]): Promise<void>;
  removeLabel(number: number, label: string): Promise<void>;
  listRepoLabels(): Promise<LabelSpec[]>;
  createLabel(label: LabelSpec): Promise<void>;

  listComments(number: number): Promise<IssueComment[]>;
  /**
   * With a `key` (see NewIssue), the comment this identity already wrote with it is adopted (and
   * edited to `body`). `justListed`: the caller read the issue's comments a moment ago and found
   * none, so only an ambiguous failure makes the port look.
   */
  createComment(
    number: number,
    body: string,
    key?: string,
    justListed?: boolean,
  ): Promise<IssueComment>;
  updateComment(commentId: number, body: string): Promise<IssueComment>;

  /** The issue's history from the timeline API: label changes, close/reopen, comments, cross-references. */
  listTimeline(number: number): Promise<IssueEvent[]>;

  /** A user's permission on this repository ("none" when they are not a collaborator). */
  getPermission(login: string): Promise<Permission>;

  /** A file's text on the default branch (or `ref`), or undefined when it does not exist. */
  readFile(path: string, ref?: string): Promise<string | undefined>;

  /** Adds labels and returns every label the issue carries afterwards (one call, no extra read). */
  addLabelsReturningCurrent(number: number, labels: string[]): Promise<string[]>;

  /** Deletes a comment; already gone counts as done. */
  deleteComment(commentId: number): Promise<void>;

  /** The release for `tag`, drafts included (GitHub's by-tag endpoint hides drafts). */
  findReleaseByTag(tag: string): Promise<ReleaseInfo | undefined>;
  createRelease(release: ReleaseSpec): Promise<ReleaseInfo>;
  updateRelease(id: number, release: Partial<ReleaseSpec>): Promise<ReleaseInfo>;
  /** The GitHub login of a commit's author, when GitHub links the commit to an account. */
  commitAuthorLogin(sha: string): Promise<string | undefined>;

  /**
   * GitHub's reviewed global security advisories affecting any of `packages` ("name" or
   * "name@version") in one GitHub ecosystem ("npm", "pip", "go", "rust", "maven", …).
   */
  listGlobalAdvisories(ecosystem: string, packages: string[]): Promise<GlobalAdvisory[]>;

  /** Published releases (drafts excluded), newest first, for the maintenance report. */
  listPublishedReleases(): Promise<PublishedRelease[]>;
}

export interface ReleaseSpec {
  tag: string;
  name: string;
  body: string;
  draft: boolean;
  prerelease: boolean;
  /** Branch or sha the tag is created from when it does not exist yet. */
  target?: string;
}

export interface ReleaseInfo extends ReleaseSpec {
  id: number;
  url: string;
}

/** A global security advisory as the dependency scan needs it (the core's shape). */
export type GlobalAdvisory = GitHubAdvisory;

export interface PublishedRelease {
  tag: string;
  name: string;
  body: string;
  url: string;
  publishedAt: string;
}
