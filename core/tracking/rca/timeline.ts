// The incident's history as RCA timeline entries: what happened, when, and who did it.
// Built from the timeline API (or REST events plus comments, for offline drafts).
import type { Issue, IssueComment, IssueEvent, Permission } from "../../model/issue.ts";
import { isBot, permissionAtLeast } from "../../model/issue.ts";
import { ESCALATION_MARKER_PREFIX } from "../../sla/marker.ts";
import { type SeverityLabels, severityOfLabel } from "../severity.ts";

export type TimelineKind =
  | "opened"
  | "severity"
  | "response"
  | "escalation"
  | "reference"
  | "label"
  | "assigned"
  | "closed"
  | "reopened";

export interface TimelineEntry {
  at: string;
  actor: string | null;
  kind: TimelineKind;
  /** Plain facts; rendering escapes what came from users. */
  what: string;
  /** Titles or names that came from users, rendered inert. */
  detail?: string;
  url?: string;
}

export interface TimelineInput {
  issue: Issue;
  events: IssueEvent[];
  comments: IssueComment[];
  severityLabels: SeverityLabels;
  /** Labels that mean the SLA escalated (at-risk, breached). */
  escalationLabels: string[];
  /** Known permissions; when given, only triage+ comments count as a response. */
  permissions?: Record<string, Permission>;
}

export function buildTimeline(input: TimelineInput): TimelineEntry[] {
  const { issue } = input;
  const entries: TimelineEntry[] = [
    { at: issue.createdAt, actor: issue.author.login, kind: "opened", what: "Incident opened" },
  ];
  for (const event of input.events) {
    const entry = entryFor(event, input);
    if (entry) entries.push(entry);
  }
  const response = firstResponse(input);
  if (response) entries.push(response);
  return dedupe(entries).sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

function entryFor(event: IssueEvent, input: TimelineInput): TimelineEntry | undefined {
  const base = { at: event.createdAt, actor: event.actor?.login ?? null };
  switch (event.event) {
    case "labeled":
    case "unlabeled":
      return labelEntry(event, input, base);
    case "assigned":
      return { ...base, kind: "assigned", what: "Assigned", detail: event.assignee };
    case "closed":
      return { ...base, kind: "closed", what: `Closed as ${closeReason(event)}` };
    case "reopened":
      return { ...base, kind: "reopened", what: "Reopened" };
    case "cross-referenced":
    case "referenced":
    case "connected":
      return referenceEntry(event, base);
    case "commented":
      return isBot(event.actor) && (event.body ?? "").includes(ESCALATION_MARKER_PREFIX)
        ? { ...base, kind: "escalation", what: "Escalated by Upkeep" }
        : undefined;
    default:
      return undefined;
  }
}

function labelEntry(
  event: IssueEvent,
  input: TimelineInput,
  base: { at: string; actor: string | null },
): TimelineEntry | undefined {
  const label = event.label ?? "";
  const added = event.event === "labeled";
  const severity = severityOfLabel(label, input.severityLabels);
  if (severity && added) return { ...base, kind: "severity", what: `Severity set to ${severity}` };
  if (input.escalationLabels.some((name) => name.toLowerCase() === label.toLowerCase())) {
    return added
      ? { ...base, kind: "escalation", what: "SLA escalation", detail: label }
      : undefined;
  }
  return { ...base, kind: "label", what: added ? "Label added" : "Label removed", detail: label };
}

function referenceEntry(
  event: IssueEvent,
  base: { at: string; actor: string | null },
): TimelineEntry | undefined {
  const source = event.source;
  if (!source) return undefined;
  if (source.kind === "commit") {
    const sha = (source.sha ?? "").slice(0, 7);
    return { ...base, kind: "reference", what: `Referenced in commit ${sha}`, url: source.url };
  }
  const noun = source.kind === "pull_request" ? "pull request" : "issue";
  return {
    ...base,
    kind: "reference",
    what: `Referenced by ${noun} #${source.number}`,
    detail: source.title,
    url: source.url,
  };
}

function closeReason(event: IssueEvent): string {
  const reason = event.stateReason ?? "completed";
  return reason.replace(/_/g, " ");
}

/** First comment by someone other than the author and not a bot (triage+ when permissions are known). */
function firstResponse(input: TimelineInput): TimelineEntry | undefined {
  const author = input.issue.author.login;
  const fromEvents = input.events
    .filter((event) => event.event === "commented")
    .map((event) => ({ at: event.createdAt, actor: event.actor }));
  const fromComments = input.comments.map((comment) => ({
    at: comment.createdAt,
    actor: comment.author,
  }));
  const responders = [...fromEvents, ...fromComments]
    .filter(({ actor }) => actor && actor.login !== author && !isBot(actor))
    .filter(({ actor }) => {
      const permission = input.permissions?.[actor!.login];
      return (
        !input.permissions || (permission !== undefined && permissionAtLeast(permission, "triage"))
      );
    })
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const first = responders[0];
  return first
    ? { at: first.at, actor: first.actor!.login, kind: "response", what: "First response" }
    : undefined;
}

function dedupe(entries: TimelineEntry[]): TimelineEntry[] {
  const seen = new Set<string>();
  return entries.filter((entry) => {
    const key = `${entry.at}|${entry.kind}|${entry.what}|${entry.detail ?? ""}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
