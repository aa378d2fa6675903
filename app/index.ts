// The Upkeep GitHub App (Probot 14): one handler per event, listed in app/handlers/index.ts.
import type { EmitterWebhookEventName } from "@octokit/webhooks";
import type { ApplicationFunction } from "probot";
import { type Clock, systemClock } from "../core/time/clock.ts";
import { appBotLogin } from "../github/identity.ts";
import type { OctokitLike } from "../github/octokit-port.ts";
import { ConfigReporter } from "./config-report.ts";
import { registerHandler } from "./context.ts";
import type { UpkeepHandler } from "./handler.ts";
import { handlers } from "./handlers/index.ts";

export interface UpkeepAppOptions {
  clock?: Clock;
  /** Which handlers to run, by name (default: all); lets a benchmark measure one capability. */
  only?: string[];
}

export function upkeepApp(options: UpkeepAppOptions = {}): ApplicationFunction {
  return (app) => {
    const shared = {
      clock: options.clock ?? systemClock,
      reporter: new ConfigReporter(),
      botLogin: askedOnce(async () => appBotLogin((await app.auth()) as unknown as OctokitLike)),
    };
    for (const handler of selected(options.only)) registerHandler(app, handler, shared);
  };
}

/** A lookup done once, unless it failed (then the next caller asks again). */
function askedOnce(ask: () => Promise<string>): () => Promise<string> {
  let pending: Promise<string> | undefined;
  return () => {
    pending ??= ask().catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}

function selected(names: string[] | undefined): UpkeepHandler<EmitterWebhookEventName>[] {
  if (!names) return handlers;
  const unknown = names.filter((name) => !handlers.some((handler) => handler.name === name));
  if (unknown.length > 0) throw new Error(`unknown handler(s): ${unknown.join(", ")}`);
  return handlers.filter((handler) => names.includes(handler.name));
}
