// Starts the sandbox and the real Upkeep App server (Probot over HTTP), wired together: the
// sandbox delivers signed webhooks to the App, the App calls the sandbox's REST API.
import { randomUUID } from "node:crypto";
import { sign } from "@octokit/webhooks-methods";
import type { AppServer, AppServerOptions } from "../../app/server.ts";
import type { Clock } from "../../core/time/clock.ts";
import type { Sandbox } from "../../sandbox/index.ts";
import { startAppOnSandbox } from "../support/app-on-sandbox.ts";

export const REPO = "octo-org/octo-repo";

export interface Harness {
  sandbox: Sandbox;
  app: AppServer;
  close(): Promise<void>;
}

export async function startHarness(
  options: {
    clock?: Clock;
    files?: Record<string, string>;
    faults?: number;
    app?: Partial<AppServerOptions>;
  } = {},
): Promise<Harness> {
  const { sandbox, app, close } = await startAppOnSandbox({
    clock: options.clock,
    app: options.app,
  });
  sandbox.addRepo(REPO, { files: options.files ?? {} });
  for (const [login, permission] of [
    ["maria", "maintain"],
    ["tom", "triage"],
    ["rita", "read"],
  ] as const) {
    sandbox.addUser(login);
    sandbox.setPermission(REPO, login, permission);
  }
  sandbox.addUser("visitor");
  if (options.faults) sandbox.setFaults({ rate: options.faults, seed: 7 });
  return {
    sandbox,
    app,
    close,
  };
}

/** Upkeep's triage comments on an issue: the explanation and replies to /severity. */
export function botComments(sandbox: Sandbox, number: number) {
  return sandbox
    .issue(REPO, number)
    .comments.filter(
      (comment) =>
        comment.user.endsWith("[bot]") && /<!-- upkeep:(triage|severity-)/.test(comment.body),
    );
}

export function severityLabels(sandbox: Sandbox, number: number): string[] {
  return sandbox.issue(REPO, number).labels.filter((label) => label.startsWith("severity: "));
}

/** POSTs a delivery straight to the App (bypassing the sandbox's one-at-a-time queue). */
export async function postWebhook(
  harness: Pick<Harness, "app" | "sandbox">,
  event: string,
  payload: unknown,
  options: { id?: string; secret?: string | null } = {},
): Promise<number> {
  const body = JSON.stringify(payload);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "x-github-event": event,
    "x-github-delivery": options.id ?? randomUUID(),
  };
  if (options.secret !== null) {
    headers["x-hub-signature-256"] = await sign(
      options.secret ?? harness.sandbox.webhookSecret,
      body,
    );
  }
  const response = await fetch(harness.app.webhookUrl, { method: "POST", headers, body });
  await response.text();
  return response.status;
}

/** The payload of the first delivery of `event.action` about issue `number`. */
export function deliveredPayload(sandbox: Sandbox, event: string, action: string, number?: number) {
  const found = sandbox.deliveries.find(
    (delivery) =>
      delivery.event === event &&
      delivery.action === action &&
      (number === undefined || (delivery.payload.issue as { number?: number })?.number === number),
  );
  if (!found) throw new Error(`no ${event}.${action} delivery${number ? ` for #${number}` : ""}`);
  return found.payload;
}
