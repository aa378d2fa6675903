// Parses a GitHub issue-search query ("repo:o/r is:open label:\"needs triage\" -label:x crash")
// and tests issues against it, for the qualifiers Upkeep and its users rely on.
import type { IssueRecord, Repo } from "../model.ts";

export interface SearchFilter {
  repos: string[];
  kind?: "issue" | "pr";
  state?: "open" | "closed";
  /** Every group must match; within a group (`label:a,b`) any label will do, as on GitHub. */
  labels: string[][];
  notLabels: string[];
  noLabel: boolean;
  noAssignee: boolean;
  author?: string;
  assignee?: string;
  scopes: Set<"title" | "body" | "comments">;
  words: string[];
  dates: { field: "created" | "updated" | "closed"; op: string; value: string }[];
}

// An optional "-", an optional "key:", then a value of quoted and unquoted runs ("a b",c).
const TOKEN = /(-?)(?:(\w+):)?((?:"[^"]*"|[^\s"])+)/g;
const LIST_ITEM = /"([^"]*)"|([^,]+)/g;

/** `a,"b c"` → ["a", "b c"]. */
function listOf(value: string): string[] {
  return [...value.matchAll(LIST_ITEM)].map((item) => (item[1] ?? item[2] ?? "").toLowerCase());
}

export function parseSearch(q: string): SearchFilter {
  const filter: SearchFilter = {
    repos: [],
    labels: [],
    notLabels: [],
    noLabel: false,
    noAssignee: false,
    scopes: new Set(),
    words: [],
    dates: [],
  };
  for (const match of q.matchAll(TOKEN)) {
    const negated = match[1] === "-";
    const key = match[2]?.toLowerCase();
    applyToken(filter, key, match[3] ?? "", negated);
  }
  return filter;
}

function applyToken(
  filter: SearchFilter,
  key: string | undefined,
  raw: string,
  negated: boolean,
): void {
  const value = raw.replace(/"/g, "");
  const lower = value.toLowerCase();
  switch (key) {
    case "repo":
      filter.repos.push(lower);
      return;
    case "is":
    case "type":
    case "state":
      if (lower === "issue" || lower === "pr") filter.kind = lower;
      else if (lower === "pull-request") filter.kind = "pr";
      else if (lower === "open" || lower === "closed") filter.state = lower;
      return;
    case "label":
      if (negated) filter.notLabels.push(...listOf(raw));
      else filter.labels.push(listOf(raw));
      return;
    case "no":
      if (lower === "label") filter.noLabel = true;
      if (lower === "assignee") filter.noAssignee = true;
      return;
    case "author":
      filter.author = lower;
      return;
    case "assignee":
      filter.assignee = lower;
      return;
    case "in":
      for (const scope of lower.split(",")) {
        if (scope === "title" || scope === "body" || scope === "comments") filter.scopes.add(scope);
      }
      return;
    case "created":
    case "updated":
    case "closed": {
      const [, op = "", date = ""] = /^(>=|<=|>|<)?(.*)$/.exec(value) ?? [];
      filter.dates.push({ field: key, op, value: date });
      return;
    }
    case undefined:
      if (value !== "") filter.words.push(lower);
      return;
    default:
      return;
  }
}

function dateMatches(actual: string | null, op: string, value: string): boolean {
  if (actual === null) return false;
  if (value.includes("..")) {
    const [from = "*", to = "*"] = value.split("..");
    return (from === "*" || actual >= from) && (to === "*" || actual.slice(0, to.length) <= to);
  }
  const prefix = actual.slice(0, value.length);
  if (op === ">") return prefix > value;
  if (op === ">=") return prefix >= value;
  if (op === "<") return prefix < value;
  if (op === "<=") return prefix <= value;
  return prefix === value;
}

export function matchesSearch(filter: SearchFilter, repo: Repo, issue: IssueRecord): boolean {
  if (filter.repos.length > 0 && !filter.repos.includes(repo.fullName.toLowerCase())) return false;
  if (filter.kind === "issue" && issue.isPullRequest) return false;
  if (filter.kind === "pr" && !issue.isPullRequest) return false;
  if (filter.state && issue.state !== filter.state) return false;
  const names = new Set(issue.labels.map((label) => label.name.toLowerCase()));
  if (!filter.labels.every((group) => group.some((name) => names.has(name)))) return false;
  if (filter.notLabels.some((name) => names.has(name))) return false;
  if (filter.noLabel && names.size > 0) return false;
  if (filter.noAssignee && issue.assignees.length > 0) return false;
  if (filter.author && issue.user.login.toLowerCase() !== filter.author) return false;
  if (
    filter.assignee &&
    !issue.assignees.some((user) => user.login.toLowerCase() === filter.assignee)
  ) {
    return false;
  }
  const dates = { created: issue.createdAt, updated: issue.updatedAt, closed: issue.closedAt };
  if (!filter.dates.every((date) => dateMatches(dates[date.field], date.op, date.value)))
    return false;
  if (filter.words.length === 0) return true;
  const scopes = filter.scopes.size > 0 ? filter.scopes : new Set(["title", "body", "comments"]);
  const haystack = [
    scopes.has("title") ? issue.title : "",
    scopes.has("body") ? (issue.body ?? "") : "",
    scopes.has("comments") ? issue.comments.map((comment) => comment.body).join("\n") : "",
  ]
    .join("\n")
    .toLowerCase();
  return filter.words.every((word) => haystack.includes(word));
}
