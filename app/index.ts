// The Upkeep GitHub App (Probot 14): one handler per event, listed in app/handlers/index.ts.
import type { ApplicationFunction } from "probot";
import { type Clock, systemClock } from "../core/time/clock.ts";
import { ConfigReporter } from "./config-report.ts";
import { registerHandler } from "./context.ts";
import { handlers } from "./handlers/index.ts";

export interface UpkeepAppOptions {
  clock?: Clock;
}

export function upkeepApp(options: UpkeepAppOptions = {}): ApplicationFunction {
  return (app) => {
    const shared = { clock: options.clock ?? systemClock, reporter: new ConfigReporter() };
    for (const handler of handlers) registerHandler(app, handler, shared);
  };
}
