// Every handler of the App. Add one line per handler; each lives in its own file.
import type { EmitterWebhookEventName } from "@octokit/webhooks";
import type { UpkeepHandler } from "../handler.ts";
import { installationLabelsHandler } from "./installation.ts";
import { severityCommandHandler } from "./issue-comment.ts";
import { issuesTriageHandler } from "./issues.ts";
import { pullRequestTriageHandler } from "./pull-request.ts";
import { configPushHandler } from "./push.ts";
import { rcaCloseHandler } from "./rca-close.ts";
import { rcaSkipCommandHandler } from "./rca-skip-command.ts";
import { securityAlertsHandler } from "./security-alerts.ts";
import { slaHandler } from "./sla.ts";
import { slaDeadlineHandler } from "./sla-deadline.ts";

export const handlers: UpkeepHandler<EmitterWebhookEventName>[] = [
  issuesTriageHandler,
  pullRequestTriageHandler,
  severityCommandHandler,
  installationLabelsHandler,
  configPushHandler,
  rcaCloseHandler,
  rcaSkipCommandHandler,
  securityAlertsHandler,
  slaHandler,
  slaDeadlineHandler,
];

/** The webhook event names (without actions) some selected handler listens to. */
export function handledEvents(only?: string[]): Set<string> {
  const chosen = only ? handlers.filter((handler) => only.includes(handler.name)) : handlers;
  return new Set(chosen.flatMap((handler) => handler.events.map((name) => name.split(".")[0]!)));
}
