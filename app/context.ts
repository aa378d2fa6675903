// Turns a Probot delivery into what Upkeep's handlers need: skips bots, builds the GitHub port
// over Probot's octokit (which already retries and throttles), and loads the config at most once
// per delivery, lazily, so handlers that never need it cost no read.
import type { EmitterWebhookEventName } from "@octokit/webhooks";
import type { Context, Probot } from "probot";
import type { UpkeepConfig } from "../core/config/schema.ts";
import { OctokitGitHub, type OctokitLike } from "../github/octokit-port.ts";
import type { GitHubPort } from "../github/port.ts";
import { loadAppConfig } from "./config.ts";
import type { ConfigReporter } from "./config-report.ts";
import type { AppDeps, HandlerLog, UpkeepHandler } from "./handler.ts";
import { loggableError } from "./loggable-error.ts";

export interface AppShared extends AppDeps {
  reporter: ConfigReporter;
  /** The App's bot login (asked of GitHub once per process): what Upkeep writes as. */
  botLogin(): Promise<string>;
}

// Keyed by the payload object, which Probot shares between all handlers of one delivery.
const configByDelivery = new WeakMap<object, Promise<UpkeepConfig>>();

export function registerHandler<E extends EmitterWebhookEventName>(
  app: Probot,
  handler: UpkeepHandler<E>,
  shared: AppShared,
): void {
  app.on(handler.events, async (context) => {
    const ctx = context as unknown as Context<E>;
    if (ctx.isBot && !handler.acceptBots) return;
    const log = ctx.log.child({ handler: handler.name, delivery: ctx.id });
    const github = portFor(ctx, await shared.botLogin());
    await handler.handle({
      context: ctx,
      payload: ctx.payload,
      github,
      config: () => configFor(ctx, github, shared, log),
      clock: shared.clock,
      deadlines: shared.deadlines,
      log: wrapLog(log),
    });
  });
}

/** The port for the delivery's repository; undefined for events without one (installation). */
function portFor(context: Context, botLogin: string): GitHubPort {
  const payload = context.payload as { repository?: { owner: { login: string }; name: string } };
  const repo = payload.repository
    ? { owner: payload.repository.owner.login, repo: payload.repository.name }
    : { owner: "", repo: "" };
  return new OctokitGitHub(context.octokit as unknown as OctokitLike, repo, { botLogin });
}

function configFor(
  context: Context,
  github: GitHubPort,
  shared: AppShared,
  log: Context["log"],
): Promise<UpkeepConfig> {
  const key = context.payload as object;
  let pending = configByDelivery.get(key);
  if (!pending) {
    pending = (async () => {
      const loaded = await loadAppConfig(context, github);
      if (loaded.ok) {
        if (loaded.found) await shared.reporter.reportValid(github, { lookup: false });
        return loaded.config;
      }
      log.warn({ problems: loaded.problems }, "invalid .github/upkeep.yml; using defaults");
      try {
        await shared.reporter.reportInvalid(github, loaded.problems);
      } catch (error) {
        log.error({ err: loggableError(error) }, "could not report the invalid config");
      }
      return loaded.config;
    })();
    configByDelivery.set(key, pending);
  }
  return pending;
}

function wrapLog(log: Context["log"]): HandlerLog {
  return {
    info: (fields, message) => log.info(fields, message),
    warn: (fields, message) => log.warn(fields, message),
    error: (fields, message) => log.error(fields, message),
  };
}
