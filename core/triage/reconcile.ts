// Brings one issue's severity labels (and the optional explanation comment) to what the core
// decides, through the GitHub port only. Faces (App handlers, the triage action) call these; they
// are reconcilers, so a redelivered or reordered event simply finds nothing left to change.

import type { GitHubPort } from "../../github/port.ts";
import type { UpkeepConfig } from "../config/schema.ts";
import {
  type Issue,
  type IssueComment,
  isBot,
  isWrittenBy,
  permissionAtLeast,
} from "../model/issue.ts";
import { withoutCreateStamp } from "../tracking/markers.ts";
import { parseSeverityCommand } from "./command.ts";
import type { TriageConfig } from "./config.ts";
import { decideSeverity, type TriageDecision } from "./decide.ts";
import { explanationBody, isTriageComment } from "./explain.ts";
import { commandAuthors } from "./human-choice.ts";
import { triageLabels } from "./labels.ts";
import { consultModel, type ModelTransport, modelMayDecide } from "./model/consult.ts";
import { isEmptyPlan, type LabelPlan, planLabels } from "./plan.ts";
import { refusalReply, replyMarker, unknownLevelReply } from "./replies.ts";

export interface TriageHooks {
  /** Creates the configured labels in the repository when this process has not done so yet. */
  ensureLabels?: (github: GitHubPort, config: TriageConfig) => Promise<void>;
  /** The model endpoint, when the face offers one and `triage.model.enabled` is set. */
  classifyIssue?: ModelTransport;
  /** The sweep catches up on issues closed while no event was heard: they still get a severity. */
  alsoClosed?: boolean;
}

export type TriageOutcome =
  | { status: "skipped"; why: string }
  | {
      status: "triaged";
      decision: TriageDecision;
      plan: LabelPlan;
      comment: "created" | "updated" | "unchanged" | "none";
    };

export function skipReason(
  issue: Issue,
  config: TriageConfig,
  alsoClosed = false,
): string | undefined {
  if (!config.enabled) return "triage is disabled in the config";
  if (issue.isPullRequest && !config.pullRequests) return "pull requests are not triaged";
  if (issue.state === "closed" && !alsoClosed) return "the issue is closed";
  return undefined;
}

/** Full triage of an issue as it stands: the issue (from the event), its timeline and the config. */
export async function triageIssue(
  github: GitHubPort,
  issue: Issue,
  upkeep: UpkeepConfig,
  hooks: TriageHooks = {},
): Promise<TriageOutcome> {
  const config = upkeep.triage;
  const skip = skipReason(issue, config, hooks.alsoClosed);
  if (skip) return { status: "skipped", why: skip };
  const events = await github.listTimeline(issue.number);
  const allowed = config.commands.enabled
    ? await authorisedLogins(github, commandAuthors(events), config)
    : new Set<string>();
  const rules = decideSeverity(issue, config, {
    events,
    authorised: (login) => allowed.has(login),
  });
  const decision =
    config.model.enabled && hooks.classifyIssue && modelMayDecide(rules)
      ? await consultModel(rules, issue, config.model, hooks.classifyIssue)
      : rules;
  const plan = await applyPlan(github, issue, decision, config, hooks);
  const comment = config.explain
    ? await upsertExplanation(
        github,
        issue.number,
        decision,
        config,
        decision.source !== "human-label",
      )
    : "none";
  return { status: "triaged", decision, plan, comment };
}

async function authorisedLogins(
  github: GitHubPort,
  logins: string[],
  config: TriageConfig,
): Promise<Set<string>> {
  const allowed = new Set<string>();
  for (const login of logins) {
    if (permissionAtLeast(await github.getPermission(login), config.commands.permission))
      allowed.add(login);
  }
  return allowed;
}

/** Adds first: GitHub answers with the labels the issue now has, which tells what to remove. */
async function applyPlan(
  github: GitHubPort,
  issue: Issue,
  decision: TriageDecision,
  config: TriageConfig,
  hooks: TriageHooks,
): Promise<LabelPlan> {
  const plan = planLabels(issue.labels, decision, config);
  if (isEmptyPlan(plan)) return plan;
  let current = issue.labels;
  if (plan.add.length > 0) {
    await hooks.ensureLabels?.(github, config);
    current = await github.addLabelsReturningCurrent(issue.number, plan.add);
  }
  const remove = plan.add.length > 0 ? planLabels(current, decision, config).remove : plan.remove;
  for (const label of remove) await github.removeLabel(issue.number, label);
  return { add: plan.add, remove };
}

/** Creates the one explanation comment, or edits it in place; `create: false` only edits. */
async function upsertExplanation(
  github: GitHubPort,
  number: number,
  decision: TriageDecision,
  config: TriageConfig,
  create: boolean,
): Promise<"created" | "updated" | "unchanged" | "none"> {
  const body = explanationBody(decision, config);
  // Only our own: another bot's or a person's comment with a copied marker is never touched.
  const [existing, ...duplicates] = (await github.listComments(number)).filter(
    (comment) => isWrittenBy(comment.author, github.botLogin) && isTriageComment(comment.body),
  );
  // Copies left by runs before creates were idempotent: keep only the oldest.
  for (const duplicate of duplicates) await github.deleteComment(duplicate.id);
  if (!existing) {
    if (!create) return "none";
    await github.createComment(number, body, `triage-explanation:${number}`, true);
    return "created";
  }
  if (withoutCreateStamp(existing.body) === body) return "unchanged";
  await github.updateComment(existing.id, body);
  return "updated";
}

export type CommandOutcome =
  | { status: "ignored"; why: string }
  | { status: "replied"; why: "unknown-level" | "not-allowed" }
  | { status: "already-replied"; why: "unknown-level" | "not-allowed" }
  | { status: "applied"; decision: TriageDecision; plan: LabelPlan };

/** Handles a `/severity` comment: checks the author's permission, then applies or replies once. */
export async function runSeverityCommand(
  github: GitHubPort,
  issue: Issue,
  comment: Pick<IssueComment, "id" | "body" | "author">,
  upkeep: UpkeepConfig,
  hooks: TriageHooks = {},
): Promise<CommandOutcome> {
  const config = upkeep.triage;
  const command = parseSeverityCommand(comment.body);
  if (!command) return { status: "ignored", why: "no /severity command" };
  if (!config.enabled || !config.commands.enabled)
    return { status: "ignored", why: "commands are disabled" };
  if (isBot(comment.author)) return { status: "ignored", why: "comment by a bot" };
  if (issue.isPullRequest && !config.pullRequests)
    return { status: "ignored", why: "pull requests are not triaged" };
  const permission = await github.getPermission(comment.author.login);
  if (!permissionAtLeast(permission, config.commands.permission)) {
    const body = refusalReply(comment.author.login, config.commands.permission);
    return replyOnce(
      github,
      issue.number,
      replyMarker("refused", comment.author.login),
      body,
      "not-allowed",
    );
  }
  if (command.kind !== "set") {
    const given = command.kind === "unknown" ? command.given : undefined;
    return replyOnce(
      github,
      issue.number,
      replyMarker("usage", comment.id),
      unknownLevelReply(comment.id, given),
      "unknown-level",
    );
  }
  const decision = decideSeverity(issue, config, {
    events: [
      {
        id: comment.id,
        event: "commented",
        actor: comment.author,
        createdAt: "9999",
        body: comment.body,
      },
    ],
    authorised: () => true,
  });
  const plan = await applyPlan(github, issue, decision, config, hooks);
  if (config.explain) await upsertExplanation(github, issue.number, decision, config, true);
  return { status: "applied", decision, plan };
}

async function replyOnce(
  github: GitHubPort,
  number: number,
  marker: string,
  body: string,
  why: "unknown-level" | "not-allowed",
): Promise<CommandOutcome> {
  const comments = await github.listComments(number);
  const own = (comment: IssueComment) => isWrittenBy(comment.author, github.botLogin);
  if (comments.some((comment) => own(comment) && comment.body.includes(marker)))
    return { status: "already-replied", why };
  await github.createComment(number, body, `triage-reply:${number}:${marker}`);
  return { status: "replied", why };
}

/** Creates every triage label missing from the repository (install events and first use). */
export async function createMissingLabels(
  github: GitHubPort,
  config: TriageConfig,
): Promise<string[]> {
  const existing = new Set(
    (await github.listRepoLabels()).map((label) => label.name.toLowerCase()),
  );
  const created: string[] = [];
  for (const label of triageLabels(config)) {
    if (existing.has(label.name.toLowerCase())) continue;
    await github.createLabel(label);
    created.push(label.name);
  }
  return created;
}
