// The Upkeep GitHub App (Probot 14): one handler per event, listed in app/handlers/index.ts.
import type { EmitterWebhookEventName } from "@octokit/webhooks";
import type { ApplicationFunction } from "probot";
import { type Clock, systemClock } from "../core/time/clock.ts";
import { appBotLogin } from "../github/identity.ts";
import type { OctokitLike } from "../github/octokit-port.ts";
import { adminSweepHandler } from "./admin-sweep.ts";
import { ConfigReporter } from "./config-report.ts";
import { registerHandler } from "./context.ts";
import type { UpkeepHandler } from "./handler.ts";
import { handlers } from "./handlers/index.ts";
import type { DeadlineScheduler } from "./sla-deadlines.ts";
import { appSweeper, sweepEvery, sweepIntervalMs } from "./sweep.ts";

export interface UpkeepAppOptions {
  clock?: Clock;
  /** Which handlers to run, by name (default: all); lets a benchmark measure one capability. */
  only?: string[];
  deadlines?: DeadlineScheduler;
  /**
   * Serves the admin sweep endpoint: the App's own HTTP server (app/server.ts) routes it, since
   * the worker's Probot has no server of its own. Without it the endpoint is not offered.
   */
  serveAdmin?: (route: AdminRoute) => void;
  /** Receives the stop function of the periodic sweep, for a clean shutdown. */
  onSweepTimer?: (stop: () => void) => void;
}

export type AdminRoute = ReturnType<typeof adminSweepHandler>;

export function upkeepApp(options: UpkeepAppOptions = {}): ApplicationFunction {
  return (app) => {
    const shared = {
      clock: options.clock ?? systemClock,
      reporter: new ConfigReporter(),
      deadlines: options.deadlines,
      botLogin: askedOnce(async () => appBotLogin((await app.auth()) as unknown as OctokitLike)),
    };
    for (const handler of selected(options.only)) registerHandler(app, handler, shared);
    // Webhooks are hints; the sweep repairs whatever they missed (app/sweep.ts).
    const sweeper = appSweeper(app, shared);
    options.serveAdmin?.(
      adminSweepHandler({
        verifySignature: (body, signature) => app.webhooks.verify(body, signature),
        adminToken: process.env.UPKEEP_ADMIN_TOKEN || undefined,
        sweep: (filter) => sweeper.run(filter),
      }),
    );
    const interval = sweepIntervalMs(process.env);
    if (interval !== undefined) {
      const stop = sweepEvery(sweeper, interval, (error) =>
        app.log.error({ err: error }, "sweep failed"),
      );
      options.onSweepTimer?.(stop);
    }
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
