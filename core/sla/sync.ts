// Brings one issue's SLA on GitHub up to date through the GitHub port (an interface, so this stays
// free of Octokit): read the issue's history, plan with the pure core, apply only the difference.
// Shared by the app (on events), the sweep action and `upkeep sla --repo`.

import type { GitHubPort } from "../../github/port.ts";
import type { ConfigProblem } from "../config/errors.ts";
import type { UpkeepConfig } from "../config/schema.ts";
import type { Issue, IssueComment, IssueEvent, Permission } from "../model/issue.ts";
import { isBot, isWrittenBy } from "../model/issue.ts";
import { decodeEscalationMarker } from "./marker.ts";
import { type IssueSnapshot, planSla, type SlaPlan, type SlaSettings } from "./plan.ts";
import { buildCalendars, icsPaths } from "./policy.ts";

export interface SlaRun {
  github: GitHubPort;
  settings: SlaSettings;
  /** Logins already looked up in this run. */
  permissions: Map<string, Permission>;
  /** Labels known to exist in the repository (created at most once per run). */
  labelsEnsured: Set<string>;
  /** Comments this run may still create (GitHub limits content creation); Infinity for none. */
  commentBudget: number;
}

export interface SyncResult {
  plan: SlaPlan;
  /** Something was written to GitHub. */
  wrote: boolean;
  /** Writes were held back by the comment budget; the next run does them. */
  deferred: boolean;
  /** The issue's updated_at after our writes, as far as we know it (for the sweep's memory). */
  seen: string;
}

/** Reads the config's ICS files through the port and builds the calendars. */
export async function loadSlaSettings(
  github: GitHubPort,
  config: UpkeepConfig,
): Promise<{ settings: SlaSettings; problems: ConfigProblem[] }> {
  const files: Record<string, string | undefined> = {};
  for (const path of icsPaths(config.sla)) files[path] = await github.readFile(path);
  const { calendars, problems } = buildCalendars(config.sla, files);
  return { settings: { config, calendars }, problems };
}

export function newSlaRun(
  github: GitHubPort,
  settings: SlaSettings,
  commentBudget = Infinity,
): SlaRun {
  return { github, settings, permissions: new Map(), labelsEnsured: new Set(), commentBudget };
}

/** The timeline carries comments as `commented` entries; the core wants them apart. */
export function splitTimeline(entries: IssueEvent[]): {
  events: IssueEvent[];
  comments: IssueComment[];
} {
  const events: IssueEvent[] = [];
  const comments: IssueComment[] = [];
  for (const entry of entries) {
    if (entry.event === "commented" && entry.actor) {
      comments.push({
        id: Number(entry.id),
        body: entry.body ?? "",
        author: entry.actor,
        createdAt: entry.createdAt,
        updatedAt: entry.createdAt,
        htmlUrl: "",
      });
    } else {
      events.push(entry);
    }
  }
  return { events, comments };
}

/** Looks up the permission of everyone whose action could count as a response. */
async function lookUpPermissions(
  run: SlaRun,
  issue: Issue,
  events: IssueEvent[],
  comments: IssueComment[],
) {
  // The author's own permission matters only when a maintainer's issue counts as responded.
  const withAuthor = run.settings.config.sla.response.openedByMaintainer;
  const actors = [
    ...(withAuthor ? [issue.author] : []),
    ...comments.map((comment) => comment.author),
    ...events.map((event) => event.actor),
  ];
  for (const actor of actors) {
    if (!actor || isBot(actor)) continue;
    if (actor.login === issue.author.login && !withAuthor) continue;
    if (!run.permissions.has(actor.login)) {
      run.permissions.set(actor.login, await run.github.getPermission(actor.login));
    }
  }
}

export async function readSnapshot(run: SlaRun, issue: Issue): Promise<IssueSnapshot> {
  const timeline = await run.github.listTimeline(issue.number);
  const { comments } = splitTimeline(timeline);
  await lookUpPermissions(run, issue, timeline, []);
  return {
    issue,
    events: timeline,
    comments,
    permissions: run.permissions,
    fromTimeline: true,
    botLogin: run.github.botLogin,
  };
}

export async function syncIssueSla(run: SlaRun, issue: Issue, now: number): Promise<SyncResult> {
  const snapshot = await readSnapshot(run, issue);
  const plan = planSla(snapshot, run.settings, now);
  return applySlaPlan(run, issue, plan);
}

export async function applySlaPlan(run: SlaRun, issue: Issue, plan: SlaPlan): Promise<SyncResult> {
  const { github } = run;
  const creates = (plan.escalation?.body ? 1 : 0) + (plan.statusComment?.id === null ? 1 : 0);
  if (creates > run.commentBudget) {
    return { plan, wrote: false, deferred: true, seen: issue.updatedAt };
  }
  run.commentBudget -= creates;
  let wrote = false;
  if (plan.escalation?.body) {
    await postEscalationOnce(github, issue.number, plan.escalation, plan.status.cycle);
    wrote = true;
  }
  for (const name of plan.addLabels) await ensureLabel(run, name);
  if (plan.addLabels.length > 0) await github.addLabels(issue.number, plan.addLabels);
  for (const name of plan.removeLabels) await github.removeLabel(issue.number, name);
  for (const id of plan.duplicateStatusComments) await github.deleteComment(id);
  wrote ||=
    plan.addLabels.length + plan.removeLabels.length + plan.duplicateStatusComments.length > 0;
  let seen = issue.updatedAt;
  if (plan.statusComment) {
    const { id, body } = plan.statusComment;
    const written =
      id === null
        ? // The plan comes from the timeline just read, comments included.
          await github.createComment(issue.number, body, `sla-status:${issue.number}`, true)
        : await github.updateComment(id, body);
    // Our writes bumped updated_at; the status comment is the last of them, so its time covers them.
    if (Date.parse(written.updatedAt) > Date.parse(seen)) seen = written.updatedAt;
    wrote = true;
  }
  return { plan, wrote, deferred: false, seen };
}

const LABEL_COLORS: Record<string, string> = { atRisk: "fbca04", breached: "b60205" };

async function ensureLabel(run: SlaRun, name: string): Promise<void> {
  if (run.labelsEnsured.has(name)) return;
  const { labels } = run.settings.config.sla;
  const kind = name === labels.breached ? "breached" : "atRisk";
  await run.github.createLabel({
    name,
    color: LABEL_COLORS[kind]!,
    description:
      kind === "breached" ? "An SLA goal was missed" : "An SLA goal is close to its deadline",
  });
  run.labelsEnsured.add(name);
}

/**
 * Posts the escalation comment (keyed by issue, cycle and steps, so a lost answer is not posted
 * twice), then looks again: if a concurrent run (another process) posted the same steps first,
 * ours is deleted, so people see each step once per cycle.
 */
async function postEscalationOnce(
  github: GitHubPort,
  number: number,
  escalation: { steps: number[]; body: string | null },
  cycle: number,
) {
  const body = escalation.body ?? "";
  const { steps } = escalation;
  const key = `sla-escalation:${number}:${cycle}:${steps.join(",")}`;
  const posted = await github.createComment(number, body, key);
  const others = (await github.listComments(number)).filter((comment) => {
    if (comment.id >= posted.id || !isWrittenBy(comment.author, github.botLogin)) return false;
    const record = decodeEscalationMarker(comment.body);
    return record?.cycle === cycle && record.steps.some((step) => steps.includes(step));
  });
  if (others.length > 0) await github.deleteComment(posted.id);
}
