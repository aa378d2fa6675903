// The plain shapes release notes are computed from: commits as git reports them, and the entries
// (one change a reader sees) that commits turn into.

/** A commit as the git reader reports it; `message` is the full raw message. */
export interface GitCommit {
  hash: string;
  parents: string[];
  authorName: string;
  authorEmail: string;
  /** Committer date, ISO 8601. */
  date: string;
  message: string;
  /** Tag names pointing at this commit (only when the reader was asked for them). */
  tags?: string[];
  /** Description of the pull request the commit merged, when a face could read it. */
  pullRequestBody?: string;
}

/** An issue or pull request a commit mentions; `owner`/`repo` set when it is in another repository. */
export interface IssueRef {
  number: number;
  owner?: string;
  repo?: string;
  /** The closing keyword (`Closes`, `Fixes`) when the reference closes it. */
  action?: string;
}

export interface Author {
  name: string;
  email: string;
  /** GitHub handle, when the API told us. */
  login?: string;
}

/** One line of release notes. A squash merge with bullet commits yields several. */
export interface ReleaseEntry {
  hash: string;
  /** Lower-cased conventional type. */
  type: string;
  scope?: string;
  subject: string;
  /** Breaking-change notes; non-empty means this entry is breaking. */
  breaking: string[];
  /** Pull request the entry came through (`(#123)` at the end of a squash merge subject). */
  pr?: number;
  references: IssueRef[];
  author: Author;
  /** The commit this one reverts, by sha and/or header, when it is a revert. */
  reverts?: { hash?: string; header?: string };
  /** Header as written, used to match `Revert "<header>"` commits. */
  header: string;
  /** Security advisories the commit names (CVE-…, GHSA-…). */
  advisories: string[];
  /** Version forced with a `Release-As:` footer. */
  releaseAs?: string;
}

/** Something about the input a maintainer may want to fix; never fatal. */
export interface ReleaseWarning {
  hash: string;
  message: string;
}
