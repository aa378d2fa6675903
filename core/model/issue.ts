// Plain-data shapes of what Upkeep reads from GitHub. Faces convert REST JSON into these once (rest.ts).

export type ActorType = "User" | "Bot" | "Organization";

export interface Actor {
  login: string;
  type: ActorType;
}

export interface Issue {
  number: number;
  title: string;
  body: string;
  state: "open" | "closed";
  /** GitHub's close reason: completed, not_planned, duplicate or reopened; null while never closed. */
  stateReason: string | null;
  labels: string[];
  author: Actor;
  assignees: string[];
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  isPullRequest: boolean;
  htmlUrl: string;
}

export interface IssueComment {
  id: number;
  body: string;
  author: Actor;
  createdAt: string;
  updatedAt: string;
  htmlUrl: string;
}

/** One entry of an issue's history: the REST issue events and timeline, normalised. */
export interface IssueEvent {
  id: number | string;
  /** GitHub's event name: labeled, unlabeled, closed, reopened, assigned, commented, cross-referenced, … */
  event: string;
  actor: Actor | null;
  createdAt: string;
  label?: string;
  assignee?: string;
  stateReason?: string | null;
  /** For commented events: the comment's body. */
  body?: string;
  /** For cross-referenced and referenced events: the PR/issue or commit it points to. */
  source?: {
    kind: "issue" | "pull_request" | "commit";
    number?: number;
    sha?: string;
    title?: string;
    url?: string;
  };
}

export type Permission = "admin" | "maintain" | "write" | "triage" | "read" | "none";

const PERMISSION_RANK: Record<Permission, number> = {
  none: 0,
  read: 1,
  triage: 2,
  write: 3,
  maintain: 4,
  admin: 5,
};

export function permissionAtLeast(actual: Permission, needed: Permission): boolean {
  return PERMISSION_RANK[actual] >= PERMISSION_RANK[needed];
}

export function isBot(actor: Actor | null | undefined): boolean {
  return !!actor && (actor.type === "Bot" || actor.login.endsWith("[bot]"));
}

/**
 * Written by `login`, the identity Upkeep writes as. A marker anyone can copy proves nothing;
 * the author does, so Upkeep edits, deletes and trusts only what this says is its own.
 */
export function isWrittenBy(actor: Actor | null | undefined, login: string): boolean {
  return !!actor && actor.login.toLowerCase() === login.toLowerCase();
}
