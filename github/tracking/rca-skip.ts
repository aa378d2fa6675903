// `/rca skip <reason>` on an incident: a maintainer's decision, recorded as a comment Upkeep
// recognises. Without the permission, the author gets one polite refusal and nothing changes.
import type { UpkeepConfig } from "../../core/config/schema.ts";
import type { IssueComment } from "../../core/model/issue.ts";
import { isBot, isWrittenBy, permissionAtLeast } from "../../core/model/issue.ts";
import { readMarker } from "../../core/tracking/markers.ts";
import { parseRcaCommand } from "../../core/tracking/rca/command.ts";
import {
  REFUSAL_MARKER,
  rcaSkippedComment,
  SKIP_MARKER,
  skipRecordComment,
  skipRefusalComment,
  skipUsageComment,
  USAGE_MARKER,
} from "../../core/tracking/rca/messages.ts";
import type { GitHubPort } from "../port.ts";
import { findRca } from "./rca.ts";

export type SkipOutcome =
  | "no-command"
  | "refused"
  | "usage"
  | "recorded"
  | "already-recorded"
  | "unknown-command";

export async function handleRcaSkip(
  github: GitHubPort,
  incidentNumber: number,
  comment: IssueComment,
  config: UpkeepConfig,
): Promise<SkipOutcome> {
  const command = parseRcaCommand(comment.body);
  if (!command || isBot(comment.author) || !config.tracking.rca.enabled) return "no-command";
  const login = comment.author.login;
  const needed = config.tracking.rca.skipPermission;
  const comments = await github.listComments(incidentNumber);
  const own = (entry: IssueComment) => isWrittenBy(entry.author, github.botLogin);
  if (!permissionAtLeast(await github.getPermission(login), needed)) {
    const refusedBefore = comments.some(
      (entry) => own(entry) && readMarker(entry.body, REFUSAL_MARKER)?.to === login,
    );
    if (!refusedBefore)
      await github.createComment(
        incidentNumber,
        skipRefusalComment(login, needed),
        `rca-skip-refused:${incidentNumber}:${login}`,
      );
    return "refused";
  }
  if (command.kind !== "skip") {
    const answered = comments.some(
      (entry) => own(entry) && readMarker(entry.body, USAGE_MARKER)?.to === String(comment.id),
    );
    if (!answered)
      await github.createComment(
        incidentNumber,
        skipUsageComment(comment.id),
        `rca-skip-usage:${incidentNumber}:${comment.id}`,
      );
    return command.kind === "unknown" ? "unknown-command" : "usage";
  }
  if (comments.some((entry) => own(entry) && readMarker(entry.body, SKIP_MARKER)))
    return "already-recorded";
  await github.createComment(
    incidentNumber,
    skipRecordComment(login, command.reason),
    `rca-skip:${incidentNumber}`,
  );
  const existing = await findRca(github, incidentNumber, comments, config.tracking.rca.labels);
  if (existing?.state === "open") {
    await github.createComment(
      existing.number,
      rcaSkippedComment(incidentNumber, login),
      `rca-skipped:${existing.number}`,
    );
    await github.updateIssue(existing.number, { state: "closed", stateReason: "not_planned" });
  }
  return "recorded";
}
