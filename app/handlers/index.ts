// Every handler of the App. Add one line per handler; each lives in its own file.
import type { EmitterWebhookEventName } from "@octokit/webhooks";
import type { UpkeepHandler } from "../handler.ts";
import { installationLabelsHandler } from "./installation.ts";
import { severityCommandHandler } from "./issue-comment.ts";
import { issuesTriageHandler } from "./issues.ts";
import { pullRequestTriageHandler } from "./pull-request.ts";
import { configPushHandler } from "./push.ts";

export const handlers: UpkeepHandler<EmitterWebhookEventName>[] = [
  issuesTriageHandler,
  pullRequestTriageHandler,
  severityCommandHandler,
  installationLabelsHandler,
  configPushHandler,
];
