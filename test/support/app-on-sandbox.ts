// The real Upkeep App server (Probot over signed HTTP) wired to the GitHub sandbox: the sandbox
// delivers webhooks to the App, the App calls the sandbox's REST API. Shared by tests and the demo.
import { type AppServer, startAppServer } from "../../app/server.ts";
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

export async function startAppOnSandbox(options: { clock?: Clock } = {}): Promise<AppOnSandbox> {
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
  });
  sandbox.setWebhook({ url: app.webhookUrl, secret: sandbox.webhookSecret });
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
