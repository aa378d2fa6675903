// What one webhook handler of the App is: the events it listens to and a function of a prepared
// event. The plumbing (app/context.ts) gives every handler the same things: the GitHub port for
// the event's repository, the config (loaded lazily, once per delivery), the clock and a logger.
import type { EmitterWebhookEventName } from "@octokit/webhooks";
import type { Context } from "probot";
import type { UpkeepConfig } from "../core/config/schema.ts";
import type { Clock } from "../core/time/clock.ts";
import type { GitHubPort } from "../github/port.ts";
import type { DeadlineScheduler } from "./sla-deadlines.ts";

export interface AppDeps {
  clock: Clock;
  /** Timers for SLA deadlines; absent, the sweep finds deadlines that pass quietly. */
  deadlines?: DeadlineScheduler;
}

export interface HandlerLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface UpkeepEvent<E extends EmitterWebhookEventName = EmitterWebhookEventName> {
  /** Probot's context; use it for the payload only: write through `github`. */
  context: Context<E>;
  payload: Context<E>["payload"];
  github: GitHubPort;
  /** The repository's config; bad files are reported once and defaults are returned. */
  config(): Promise<UpkeepConfig>;
  clock: Clock;
  deadlines?: DeadlineScheduler;
  log: HandlerLog;
}

export interface UpkeepHandler<E extends EmitterWebhookEventName = EmitterWebhookEventName> {
  /** Short name for logs, e.g. "triage". */
  name: string;
  events: E[];
  /** Events sent by bots (Upkeep's own writes come back as webhooks) are skipped unless true. */
  acceptBots?: boolean;
  handle(event: UpkeepEvent<E>): Promise<void>;
}

/** Helps TypeScript infer the event names of a handler literal. */
export function defineHandler<E extends EmitterWebhookEventName>(
  handler: UpkeepHandler<E>,
): UpkeepHandler<E> {
  return handler;
}
