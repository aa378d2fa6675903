// Keeps an issue's SLA status current as things happen to it: opened, labelled or unlabelled
// (severity and pause labels), commented on, closed, reopened. Like every handler it reconciles:
// the event only says which issue to look at. Deadlines passing while nothing happens are caught
// by a timer job (app/sla-deadlines.ts, handled in sla-deadline.ts), and by the sweep as backstop.

import type { UpkeepConfig } from "../../core/config/schema.ts";
import { isWrittenBy } from "../../core/model/issue.ts";
import { issueFromRest } from "../../core/model/rest.ts";
import { ESCALATION_MARKER_PREFIX, STATUS_MARKER_PREFIX } from "../../core/sla/marker.ts";
import { severityFromLabels } from "../../core/sla/policy.ts";
import { loadSlaSettings, newSlaRun, syncIssueSla } from "../../core/sla/sync.ts";
import { defineHandler, type UpkeepEvent } from "../handler.ts";
import { issueLock } from "../issue-lock.ts";
import type { DeadlineSource } from "../sla-deadlines.ts";

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
  async handle(event) {
    const payload = event.payload as unknown as SlaPayload;
    const issue = issueFromRest(payload.issue);
    if (issue.isPullRequest) return;
    const loaded = await event.config();
    if (!loaded.sla.enabled || isOwnEcho(payload, loaded, event.github.botLogin)) return;
    if (!concernsSla(payload, issue.labels, loaded)) return;
    await syncSlaOf(event, issue.number, loaded);
  },
});

/** Brings one issue's SLA up to date from its fresh state, then sets the timer for its next change. */
export async function syncSlaOf(
  { payload, github, clock, deadlines, log }: UpkeepEvent,
  number: number,
  loaded: UpkeepConfig,
): Promise<void> {
  await issueLock.run(issueLock.key(github.repo, number), async () => {
    const { settings, problems } = await loadSlaSettings(github, loaded);
    if (problems.length > 0) log.warn({ problems }, "SLA calendar holidays unusable; ignored");
    // The payload may be older than the issue (redelivery, reordering): read it fresh.
    const fresh = await github.getIssue(number);
    const result = await syncIssueSla(newSlaRun(github, settings), fresh, clock.now().getTime());
    const next = result.plan.marker.next;
    if (deadlines && next) {
      await deadlines.schedule(
        payload as DeadlineSource,
        Date.parse(next),
        result.plan.status.cycle,
      );
    }
    log.info(
      {
        issue: number,
        response: result.plan.status.response.state,
        resolution: result.plan.status.resolution.state,
        wrote: result.wrote,
        next,
      },
      "sla",
    );
  });
}
