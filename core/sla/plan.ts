// Reconciles one issue: from its snapshot (issue, history, permissions) and the config, compute
// the SLA state and the smallest set of writes that make GitHub show it — labels, the status
// comment, due escalation steps. Applying the plan twice changes nothing the second time.
import type { UpkeepConfig } from "../config/schema.ts";
import {
  type Issue,
  type IssueComment,
  type IssueEvent,
  isBot,
  isWrittenBy,
  type Permission,
} from "../model/issue.ts";
import { escalationComment, escalationStart, planEscalation } from "./escalation.ts";
import { evaluateSla, type SlaStatus } from "./evaluate.ts";
import { deriveCycles } from "./history.ts";
import {
  decodeEscalationMarker,
  decodeStatusMarker,
  isStatusComment,
  type SlaMarker,
  sameDecision,
} from "./marker.ts";
import { type Calendars, issuePolicy } from "./policy.ts";
import { renderNoSlaComment, renderStatusComment } from "./status-comment.ts";

export interface IssueSnapshot {
  issue: Issue;
  /** GitHub issue type name, when the face knows it. */
  type?: string | null;
  /** Issue events, or the whole timeline (then `commented` entries are the comments, in order). */
  events: IssueEvent[];
  comments: IssueComment[];
  /** `events` is the timeline: take comments from it, in its order; `comments` is only read for markers. */
  fromTimeline?: boolean;
  permissions: ReadonlyMap<string, Permission>;
  /** The login Upkeep writes as; only its comments count as status and escalation records. */
  botLogin?: string;
}

export interface SlaSettings {
  config: UpkeepConfig;
  calendars: Calendars;
}

export interface SlaPlan {
  status: SlaStatus;
  marker: SlaMarker;
  addLabels: string[];
  removeLabels: string[];
  /** The status comment to create (id null) or update; null when it already says this. */
  statusComment: { id: number | null; body: string } | null;
  /** Extra status comments left by concurrent runs; the oldest one is kept. */
  duplicateStatusComments: number[];
  escalation: { steps: number[]; body: string | null } | null;
}

/** Upkeep's own comments: written by its identity (any bot when none is known) with our marker. */
function ownComments(
  comments: IssueComment[],
  test: (body: string) => boolean,
  botLogin: string | undefined,
): IssueComment[] {
  const own = (comment: IssueComment) =>
    botLogin === undefined ? isBot(comment.author) : isWrittenBy(comment.author, botLogin);
  return comments
    .filter((comment) => own(comment) && test(comment.body))
    .sort((a, b) => a.id - b.id);
}

export function assessIssue(
  snapshot: IssueSnapshot,
  settings: SlaSettings,
  now: number,
): SlaStatus {
  const { sla, triage } = settings.config;
  const policy = issuePolicy(
    { labels: snapshot.issue.labels, type: snapshot.type },
    sla,
    triage,
    settings.calendars,
  );
  const cycles = deriveCycles(
    {
      issue: snapshot.issue,
      events: snapshot.events,
      // Upkeep's own comments are not responses and must not resume anything.
      comments: snapshot.fromTimeline
        ? []
        : snapshot.comments.filter((comment) => !isBot(comment.author)),
      permissions: snapshot.permissions,
    },
    {
      pauseLabels: sla.pause.labels,
      resumeOnReporterReply: sla.pause.resumeOnReporterReply,
      minPermission: sla.response.minPermission,
      countLabelChanges: sla.response.countLabelChanges,
      openedByMaintainer: sla.response.openedByMaintainer,
    },
  );
  return evaluateSla(cycles, policy, now, sla.atRisk);
}

export function planSla(snapshot: IssueSnapshot, settings: SlaSettings, now: number): SlaPlan {
  const { sla, timezone } = settings.config;
  const { issue } = snapshot;
  const status = assessIssue(snapshot, settings, now);
  const statusComments = ownComments(snapshot.comments, isStatusComment, snapshot.botLogin);
  const current = statusComments[0];
  const previous = current ? decodeStatusMarker(current.body) : undefined;
  const done = stepsDone(snapshot, previous, status.cycle);
  const breachedAt = escalationStart(status, issue.state === "open");
  const escalation = planEscalation(sla.escalation, breachedAt, done, now);
  for (const step of escalation.due) done.add(step);
  const marker = markerFor(
    status,
    issue,
    [...done].sort((a, b) => a - b),
    escalation.nextAt,
  );
  const hasGoals = status.response.goalMs !== null || status.resolution.goalMs !== null;
  let body: string | null = null;
  if (hasGoals) {
    body = renderStatusComment({
      status,
      marker,
      now,
      timezone,
      pauseLabels: sla.pause.labels.filter((label) => issue.labels.includes(label)),
      escalationSteps: sla.escalation.length,
    });
  } else if (current && previous?.severity !== null) {
    body = renderNoSlaComment(marker);
  }
  const { add, remove } = labelChanges(status, issue, settings);
  return {
    status,
    marker,
    addLabels: add,
    removeLabels: remove,
    statusComment:
      body !== null && !sameDecision(previous, marker) ? { id: current?.id ?? null, body } : null,
    duplicateStatusComments: statusComments.slice(1).map((comment) => comment.id),
    escalation:
      escalation.due.length > 0
        ? {
            steps: escalation.due,
            body: escalationComment({
              cycle: status.cycle,
              steps: sla.escalation,
              due: escalation.due,
              assignees: issue.assignees,
              severity: status.policy.severity,
              breachedAt: breachedAt!,
              now,
            }),
          }
        : null,
  };
}

/** Steps done this cycle: from the status marker and from escalation comments (either may be missing after a crash). */
function stepsDone(
  snapshot: IssueSnapshot,
  previous: SlaMarker | undefined,
  cycle: number,
): Set<number> {
  const done = new Set<number>(previous?.cycle === cycle ? previous.escalated : []);
  for (const comment of ownComments(
    snapshot.comments,
    (body) => decodeEscalationMarker(body) !== undefined,
    snapshot.botLogin,
  )) {
    const record = decodeEscalationMarker(comment.body)!;
    if (record.cycle === cycle) for (const step of record.steps) done.add(step);
  }
  return done;
}

function iso(at: number | null): string | null {
  return at === null ? null : new Date(at).toISOString();
}

function markerFor(
  status: SlaStatus,
  issue: Issue,
  escalated: number[],
  nextStepAt: number | null,
): SlaMarker {
  const next = [status.nextChangeAt, nextStepAt].filter((at): at is number => at !== null);
  return {
    v: 1,
    cycle: status.cycle,
    severity: status.policy.severity,
    response: { state: status.response.state, due: iso(status.response.due) },
    resolution: { state: status.resolution.state, due: iso(status.resolution.due) },
    paused: status.paused,
    escalated,
    seen: issue.updatedAt,
    next: next.length > 0 ? iso(Math.min(...next)) : null,
  };
}

function labelChanges(status: SlaStatus, issue: Issue, settings: SlaSettings) {
  const { atRisk, breached } = settings.config.sla.labels;
  const goals = [status.response, status.resolution];
  const isBreached = goals.some((goal) => goal.state === "breached");
  const isAtRisk =
    issue.state === "open" && !isBreached && goals.some((goal) => goal.state === "at-risk");
  const has = (name: string) =>
    issue.labels.some((label) => label.toLowerCase() === name.toLowerCase());
  const add: string[] = [];
  const remove: string[] = [];
  for (const [name, wanted] of [
    [breached, isBreached],
    [atRisk, isAtRisk],
  ] as const) {
    if (wanted && !has(name)) add.push(name);
    if (!wanted && has(name)) remove.push(name);
  }
  return { add, remove };
}
