// Whether a closed incident needs a root-cause analysis, and what to write: a new RCA issue, new
// timeline entries on the existing one, or nothing. Pure: the face fetches, this decides.
import type { Severity } from "../../config/fields.ts";
import type { Issue, IssueComment, IssueEvent, Permission } from "../../model/issue.ts";
import { isBot, isWrittenBy } from "../../model/issue.ts";
import { type CalendarResolver, weekdaysCalendar } from "../calendar.ts";
import type { RcaConfig } from "../config.ts";
import { readMarker } from "../markers.ts";
import { incidentSeverity, type SeverityLabels } from "../severity.ts";
import { type CustomTemplate, lastEntryTime, RCA_MARKER, renderRcaBody } from "./body.ts";
import { SKIP_MARKER } from "./messages.ts";
import { appendToTimelineBlock, timelineLines } from "./render-timeline.ts";
import { buildTimeline, type TimelineEntry } from "./timeline.ts";

export interface ExistingRca {
  number: number;
  body: string;
  state: "open" | "closed";
}

export interface RcaInput {
  incident: Issue;
  events: IssueEvent[];
  comments: IssueComment[];
  existing?: ExistingRca;
  config: RcaConfig;
  zone: string;
  severityLabels: SeverityLabels;
  escalationLabels: string[];
  calendars: CalendarResolver;
  template?: CustomTemplate;
  permissions?: Record<string, Permission>;
  /** The login Upkeep writes as: only its skip records count (any bot's when unknown). */
  botLogin?: string;
}

export type RcaDecision =
  | { kind: "none"; reason: string }
  | {
      kind: "create";
      severity: Severity;
      title: string;
      body: string;
      labels: string[];
      assignees: string[];
      dueAt: Date | null;
      templateError?: string;
    }
  | {
      kind: "append";
      rcaNumber: number;
      body?: string;
      comment?: string;
      entries: TimelineEntry[];
    };

export function decideRca(input: RcaInput): RcaDecision {
  const { incident, config } = input;
  if (!config.enabled) return { kind: "none", reason: "RCA tracking is disabled" };
  if (incident.isPullRequest) return { kind: "none", reason: "pull requests get no RCA" };
  if (incident.state !== "closed") return { kind: "none", reason: "the incident is open" };
  // Upkeep's own tracking issues are never incidents, whatever labels people add to them.
  if (/<!-- upkeep:(?:rca|security-window) /.test(incident.body)) {
    return { kind: "none", reason: "tracking issues get no RCA" };
  }
  const reason = incident.stateReason ?? "completed";
  if (reason !== "completed")
    return { kind: "none", reason: `closed as ${reason.replace(/_/g, " ")}` };
  const severity = incidentSeverity(incident.labels, input.severityLabels);
  if (!severity || !config.severities.includes(severity)) {
    return { kind: "none", reason: `severity ${severity ?? "unset"} needs no RCA` };
  }
  if (!input.existing && input.comments.some((comment) => isSkipRecord(comment, input.botLogin))) {
    return { kind: "none", reason: "a maintainer skipped the RCA" };
  }
  const timeline = buildTimeline({ ...input, issue: incident });
  return input.existing
    ? appendDecision(input, input.existing, timeline)
    : createDecision(input, severity, timeline);
}

function createDecision(
  input: RcaInput,
  severity: Severity,
  timeline: TimelineEntry[],
): RcaDecision {
  const { incident, config } = input;
  const closedBy = lastClose(input.events)?.actor ?? null;
  const closedAt = incident.closedAt ?? lastClose(input.events)?.createdAt ?? incident.updatedAt;
  const assignees = rcaAssignees(incident, closedBy, config);
  const dueAt = dueDate(new Date(closedAt), input);
  const rendered = renderRcaBody({
    incident,
    severity,
    timeline,
    closedBy: closedBy?.login ?? null,
    closedAt,
    assignees,
    dueAt,
    zone: input.zone,
    template: input.template,
  });
  return {
    kind: "create",
    severity,
    title: rcaTitle(incident),
    body: rendered.body,
    labels: [...config.labels],
    assignees,
    dueAt,
    templateError: rendered.templateError,
  };
}

function appendDecision(
  input: RcaInput,
  existing: ExistingRca,
  timeline: TimelineEntry[],
): RcaDecision {
  const through = readMarker(existing.body, RCA_MARKER)?.through;
  const since = through ? Date.parse(through) : Number.NEGATIVE_INFINITY;
  const entries = timeline.filter((entry) => Date.parse(entry.at) > since);
  if (entries.length === 0)
    return { kind: "none", reason: `RCA #${existing.number} is up to date` };
  const appended = appendToTimelineBlock(existing.body, entries, input.zone);
  const newThrough = lastEntryTime(entries)!;
  if (appended) {
    const body = appended.replace(
      /(<!-- upkeep:rca (?:[\w-]+=\S* )*?through=)\S+/,
      `$1${newThrough}`,
    );
    return { kind: "append", rcaNumber: existing.number, body, entries };
  }
  const lines = timelineLines(entries, input.zone).join("\n");
  return {
    kind: "append",
    rcaNumber: existing.number,
    comment: `The incident #${input.incident.number} was reopened and closed again:\n\n${lines}`,
    entries,
  };
}

export function rcaTitle(incident: Issue): string {
  return `RCA: ${incident.title} (#${incident.number})`;
}

function rcaAssignees(incident: Issue, closer: IssueEvent["actor"], config: RcaConfig): string[] {
  const logins = [
    ...(config.assignees.closer && closer && !isBot(closer) ? [closer.login] : []),
    ...(config.assignees.incidentAssignees ? incident.assignees : []),
    ...config.assignees.extra,
  ];
  // GitHub accepts at most 10 assignees per issue.
  return [...new Set(logins)].slice(0, 10);
}

/** An unknown calendar name falls back to weekdays rather than losing the due date. */
function dueDate(closedAt: Date, input: RcaInput): Date | null {
  const { businessDays, calendar } = input.config.due;
  if (businessDays === 0) return null;
  const workCalendar = input.calendars(calendar) ?? weekdaysCalendar(input.zone);
  return workCalendar.addWorkingDays(closedAt, businessDays);
}

function lastClose(events: IssueEvent[]): IssueEvent | undefined {
  return events.filter((event) => event.event === "closed").at(-1);
}

function isSkipRecord(comment: IssueComment, botLogin: string | undefined): boolean {
  const own =
    botLogin === undefined ? isBot(comment.author) : isWrittenBy(comment.author, botLogin);
  return own && comment.body.includes(`<!-- upkeep:${SKIP_MARKER}`);
}
