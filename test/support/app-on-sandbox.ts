// The real Upkeep App server (Probot over signed HTTP) wired to the GitHub sandbox: the sandbox
// delivers webhooks to the App, the App calls the sandbox's REST API. Shared by tests and the demo.
import { type AppServer, type AppServerOptions, startAppServer } from "../../app/server.ts";
import type { Clock } from "../../core/time/clock.ts";
import { type Sandbox, startSandbox } from "../../sandbox/index.ts";

/** GitHub's pacing (one write a second) would only slow a local sandbox; retries stay as in production. */
export const SANDBOX_PACING = { writeMs: 0, notifyMs: 0, retryBaseMs: 5 };

export interface AppOnSandbox {
  sandbox: Sandbox;
  app: AppServer;
  /** Waits for queued deliveries, then stops the App and the sandbox. */
  close(): Promise<void>;
}

export interface AppOnSandboxOptions {
  clock?: Clock;
  /** Extra App options (a Redis queue, a write budget, a role…). */
  app?: Partial<AppServerOptions>;
}

export async function startAppOnSandbox(options: AppOnSandboxOptions = {}): Promise<AppOnSandbox> {
  const sandbox = await startSandbox({ clock: options.clock });
  const app = await startAppServer({
    appId: sandbox.appId,
    privateKey: sandbox.privateKey,
    secret: sandbox.webhookSecret,
    baseUrl: sandbox.url,
    port: 0,
    clock: options.clock,
    logLevel: "silent",
    pacing: SANDBOX_PACING,
    // The sandbox sets no content limit; tests of the budget turn it on themselves.
    writeBudget: null,
    retryBaseMs: 20,
    ...options.app,
  });
  sandbox.setWebhook({ url: app.webhookUrl, secret: sandbox.webhookSecret });
  // The App answers 202 and works afterwards: the sandbox's idle() waits for that work too.
  sandbox.alsoAwait(() => app.idle());
  return {
    sandbox,
    app,
    async close() {
      await sandbox.idle();
      await app.close();
      await sandbox.close();
    },
  };
}
