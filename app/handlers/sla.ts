// Keeps an issue's SLA status current as things happen to it: opened, labelled or unlabelled
// (severity and pause labels), commented on, closed, reopened. Like every handler it reconciles:
// the event only says which issue to look at. Deadlines passing while nothing happens are the
// scheduled sweep's job (actions/sla-check).

import type { UpkeepConfig } from "../../core/config/schema.ts";
import { isWrittenBy } from "../../core/model/issue.ts";
import { issueFromRest } from "../../core/model/rest.ts";
import { ESCALATION_MARKER_PREFIX, STATUS_MARKER_PREFIX } from "../../core/sla/marker.ts";
import { severityFromLabels } from "../../core/sla/policy.ts";
import { loadSlaSettings, newSlaRun, syncIssueSla } from "../../core/sla/sync.ts";
import { defineHandler } from "../handler.ts";
import { issueLock } from "../issue-lock.ts";

interface SlaPayload {
  action?: string;
  issue: unknown;
  label?: { name?: string };
  comment?: { body?: string; user?: { login: string; type: string } };
}

/** Our own SLA writes come back as webhooks; reacting to them would only repeat the same read. */
function isOwnEcho(payload: SlaPayload, config: UpkeepConfig, botLogin: string): boolean {
  const { atRisk, breached } = config.sla.labels;
  if (payload.label?.name === atRisk || payload.label?.name === breached) return true;
  const body = payload.comment?.body ?? "";
  const author = payload.comment?.user;
  return (
    !!author &&
    isWrittenBy({ login: author.login, type: author.type === "Bot" ? "Bot" : "User" }, botLogin) &&
    (body.startsWith(STATUS_MARKER_PREFIX) || body.startsWith(ESCALATION_MARKER_PREFIX))
  );
}

/** Issues that never had an SLA cost nothing: no severity, no SLA label, no severity just removed. */
function concernsSla(payload: SlaPayload, labels: string[], config: UpkeepConfig): boolean {
  const { atRisk, breached } = config.sla.labels;
  const names = [...labels, payload.action === "unlabeled" ? (payload.label?.name ?? "") : ""];
  return (
    severityFromLabels(names, config.triage) !== null ||
    labels.includes(atRisk) ||
    labels.includes(breached)
  );
}

export const slaHandler = defineHandler({
  name: "sla",
  events: [
    "issues.opened",
    "issues.labeled",
    "issues.unlabeled",
    "issues.closed",
    "issues.reopened",
    "issue_comment.created",
  ],
  // Triage (Upkeep itself, or another bot) setting the severity label starts the clock.
  acceptBots: true,
  async handle({ payload, github, config, clock, log }) {
    const event = payload as unknown as SlaPayload;
    const issue = issueFromRest(event.issue);
    if (issue.isPullRequest) return;
    const loaded = await config();
    if (!loaded.sla.enabled || isOwnEcho(event, loaded, github.botLogin)) return;
    if (!concernsSla(event, issue.labels, loaded)) return;
    await issueLock.run(issueLock.key(github.repo, issue.number), async () => {
      const { settings, problems } = await loadSlaSettings(github, loaded);
      if (problems.length > 0) log.warn({ problems }, "SLA calendar holidays unusable; ignored");
      // The payload may be older than the issue (redelivery, reordering): read it fresh.
      const fresh = await github.getIssue(issue.number);
      const result = await syncIssueSla(newSlaRun(github, settings), fresh, clock.now().getTime());
      log.info(
        {
          issue: issue.number,
          response: result.plan.status.response.state,
          resolution: result.plan.status.resolution.state,
          wrote: result.wrote,
        },
        "sla",
      );
    });
  },
});
