// Executes RCA decisions through the GitHub port: on an incident's close, on `/rca skip`, and
// from the sweep for reminders. Everything is re-read from GitHub first, so redelivered and
// reordered events are harmless.
import type { UpkeepConfig } from "../../core/config/schema.ts";
import type { Issue, IssueComment, Permission } from "../../core/model/issue.ts";
import { isBot, isWrittenBy, permissionAtLeast } from "../../core/model/issue.ts";
import type { CalendarResolver } from "../../core/tracking/calendar.ts";
import { readMarker } from "../../core/tracking/markers.ts";
import { RCA_MARKER } from "../../core/tracking/rca/body.ts";
import { decideRca, type ExistingRca, type RcaDecision } from "../../core/tracking/rca/decide.ts";
import { incidentLinkComment, LINK_MARKER } from "../../core/tracking/rca/messages.ts";
import { incidentSeverity } from "../../core/tracking/severity.ts";
import type { GitHubPort } from "../port.ts";
import { LabelEnsurer } from "./labels.ts";
import { trackingSettings } from "./settings.ts";
import { readTemplate } from "./templates.ts";

export interface RcaOutcome {
  decision: RcaDecision["kind"];
  reason?: string;
  rcaNumber?: number;
  templateError?: string;
}

/** Reads the incident and its history and computes the decision, without writing anything. */
export async function draftRca(
  github: GitHubPort,
  incidentNumber: number,
  config: UpkeepConfig,
  options: { calendars?: CalendarResolver } = {},
): Promise<{ decision: RcaDecision; existing?: ExistingRca; incident: Issue }> {
  const incident = await github.getIssue(incidentNumber);
  const settings = trackingSettings(config, options.calendars);
  const rca = config.tracking.rca;
  const severity = incidentSeverity(incident.labels, settings.severityLabels);
  const base = { incident, events: [], comments: [], config: rca, ...settings };
  // Most closes need no RCA: decide that before reading the history.
  if (incident.state !== "closed" || !severity || !rca.severities.includes(severity)) {
    return { decision: decideRca(base), incident };
  }
  const [events, comments] = await Promise.all([
    github.listTimeline(incidentNumber),
    github.listComments(incidentNumber),
  ]);
  const existing = await findRca(github, incidentNumber, comments, rca.labels);
  const permissions = await responderPermissions(github, incident, comments);
  const template = await readTemplate(github, rca.template);
  const decision = decideRca({
    ...base,
    events,
    comments,
    existing,
    template,
    permissions,
    botLogin: github.botLogin,
  });
  return { decision, existing, incident };
}

export async function reconcileRca(
  github: GitHubPort,
  incidentNumber: number,
  config: UpkeepConfig,
  options: { calendars?: CalendarResolver } = {},
): Promise<RcaOutcome> {
  const { decision } = await draftRca(github, incidentNumber, config, options);
  const settings = trackingSettings(config, options.calendars);
  switch (decision.kind) {
    case "none":
      return { decision: "none", reason: decision.reason };
    case "append":
      if (decision.body) await github.updateIssue(decision.rcaNumber, { body: decision.body });
      if (decision.comment)
        await github.createComment(
          decision.rcaNumber,
          decision.comment,
          `rca-append:${decision.rcaNumber}:${decision.comment}`,
        );
      return { decision: "append", rcaNumber: decision.rcaNumber };
    case "create": {
      await new LabelEnsurer(github).ensure(decision.labels);
      const rca = await createWithAssignees(github, incidentNumber, decision);
      const kept = await keepOldestRca(
        github,
        incidentNumber,
        config.tracking.rca.labels,
        rca.number,
      );
      if (kept === rca.number) {
        await github.createComment(
          incidentNumber,
          incidentLinkComment(rca.number, decision.dueAt, settings.zone),
          `rca-link:${incidentNumber}:${rca.number}`,
        );
      }
      return { decision: "create", rcaNumber: kept, templateError: decision.templateError };
    }
  }
}

/** The incident's RCA: through the link comment Upkeep left, else through the RCA label's list. */
export async function findRca(
  github: GitHubPort,
  incidentNumber: number,
  comments: IssueComment[],
  labels: string[],
): Promise<ExistingRca | undefined> {
  const link = comments.find(
    (comment) =>
      isWrittenBy(comment.author, github.botLogin) && readMarker(comment.body, LINK_MARKER),
  );
  const linked = Number(link ? readMarker(link.body, LINK_MARKER)?.rca : Number.NaN);
  if (Number.isInteger(linked)) {
    const issue = await github.getIssue(linked).catch((error: { status?: number }) => {
      // A deleted or transferred RCA: look for another one through the list.
      if (error.status === 404 || error.status === 410) return undefined;
      throw error;
    });
    if (issue && isRcaFor(github, issue, incidentNumber)) return existingFrom(issue);
  }
  const [oldest] = await listRcas(github, incidentNumber, labels);
  return oldest ? existingFrom(oldest) : undefined;
}

async function listRcas(
  github: GitHubPort,
  incidentNumber: number,
  labels: string[],
): Promise<Issue[]> {
  const found: Issue[] = [];
  const query = {
    state: "all" as const,
    labels: labels.slice(0, 1),
    sort: "created" as const,
    direction: "asc" as const,
  };
  for await (const issue of github.listIssues(query)) {
    if (!issue.isPullRequest && isRcaFor(github, issue, incidentNumber)) found.push(issue);
  }
  return found.sort((a, b) => a.number - b.number);
}

/** Our RCA of the incident: the marker alone proves nothing, since anyone can copy it. */
function isRcaFor(github: GitHubPort, issue: Issue, incidentNumber: number): boolean {
  return (
    isWrittenBy(issue.author, github.botLogin) &&
    readMarker(issue.body, RCA_MARKER)?.incident === String(incidentNumber)
  );
}

/** Two deliveries racing can both create an RCA: the younger is closed as duplicate of the older. */
async function keepOldestRca(
  github: GitHubPort,
  incidentNumber: number,
  labels: string[],
  created: number,
): Promise<number> {
  const rcas = (await listRcas(github, incidentNumber, labels)).filter(
    (issue) => issue.state === "open" || issue.number === created,
  );
  const oldest = rcas[0]?.number ?? created;
  for (const younger of rcas.slice(1)) {
    await github.createComment(
      younger.number,
      `Duplicate of #${oldest}, the RCA for the same incident; closing this one.`,
      `rca-duplicate:${younger.number}`,
    );
    await github.updateIssue(younger.number, { state: "closed", stateReason: "duplicate" });
  }
  return oldest;
}

async function createWithAssignees(
  github: GitHubPort,
  incidentNumber: number,
  decision: Extract<RcaDecision, { kind: "create" }>,
): Promise<Issue> {
  const draft = {
    title: decision.title,
    body: decision.body,
    labels: decision.labels,
    key: `rca:incident:${incidentNumber}`,
  };
  try {
    return await github.createIssue({ ...draft, assignees: decision.assignees });
  } catch (error) {
    // 422: someone in the list cannot be assigned here; the RCA matters more than its assignees.
    if ((error as { status?: number }).status !== 422 || decision.assignees.length === 0)
      throw error;
    return github.createIssue(draft);
  }
}

/** Permissions of the first few people who commented, so "first response" means a maintainer's. */
async function responderPermissions(
  github: GitHubPort,
  incident: Issue,
  comments: IssueComment[],
): Promise<Record<string, Permission>> {
  const permissions: Record<string, Permission> = {};
  const logins = [
    ...new Set(
      comments.filter((comment) => !isBot(comment.author)).map((comment) => comment.author.login),
    ),
  ];
  for (const login of logins.filter((name) => name !== incident.author.login).slice(0, 5)) {
    permissions[login] = await github.getPermission(login);
    if (permissionAtLeast(permissions[login], "triage")) break;
  }
  return permissions;
}

function existingFrom(issue: Issue): ExistingRca {
  return { number: issue.number, body: issue.body, state: issue.state };
}
