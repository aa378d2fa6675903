// The sweep repairs what webhooks missed: the App down for a whole incident, and an App killed
// mid-handling. The real App server on the sandbox; sweeps asked for through its admin endpoint.
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { sign } from "@octokit/webhooks-methods";
import { afterEach, describe, expect, it } from "vitest";
import { type AppServer, startAppServer } from "../../app/server.ts";
import { ManualClock } from "../../core/time/clock.ts";
import { type Sandbox, startSandbox } from "../../sandbox/index.ts";
import { SANDBOX_PACING } from "../support/app-on-sandbox.ts";
import { REPO_ROOT } from "../support/run-cli.ts";

const REPO = "octo-org/octo-repo";
const ADMIN_PATH = "/api/upkeep/sweep";
let sandbox: Sandbox | undefined;
let app: AppServer | undefined;
let child: ChildProcess | undefined;

afterEach(async () => {
  child?.kill("SIGKILL");
  await app?.close();
  sandbox?.assertValid();
  await sandbox?.close();
  sandbox = app = child = undefined;
  delete process.env.UPKEEP_ADMIN_TOKEN;
});

async function world(clock = new ManualClock("2026-03-02T09:00:00Z")) {
  sandbox = await startSandbox({ clock });
  sandbox.addRepo(REPO, { files: { ".github/upkeep.yml": "triage:\n  explain: true\n" } });
  for (const [login, permission] of [
    ["oncall", "write"],
    ["reporter", "read"],
  ] as const) {
    sandbox.addUser(login);
    sandbox.setPermission(REPO, login, permission);
  }
  return { sandbox, clock };
}

function startApp(box: Sandbox, clock?: ManualClock) {
  return startAppServer({
    appId: box.appId,
    privateKey: box.privateKey,
    secret: box.webhookSecret,
    baseUrl: box.url,
    port: 0,
    clock,
    logLevel: "silent",
    pacing: SANDBOX_PACING,
  });
}

async function askSweep(
  server: AppServer,
  box: Sandbox,
  auth: "signed" | "wrong" | "none" | { bearer: string } = "signed",
) {
  const body = JSON.stringify({ repo: REPO });
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (auth === "signed") headers["x-upkeep-signature-256"] = await sign(box.webhookSecret, body);
  if (auth === "wrong") headers["x-upkeep-signature-256"] = await sign("guess", body);
  if (typeof auth === "object") headers.authorization = `Bearer ${auth.bearer}`;
  const response = await fetch(`${server.url}${ADMIN_PATH}`, { method: "POST", headers, body });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const writes = (box: Sandbox) =>
  box.requests.filter((request) => request.method !== "GET" && !request.path.startsWith("/app"));
const rcas = (box: Sandbox) => box.issues(REPO).filter((issue) => issue.labels.includes("rca"));

describe("the App was down for the whole incident", () => {
  it("one sweep triages it and opens its RCA once; a second sweep changes nothing", async () => {
    const { sandbox: box, clock } = await world();
    // No App listening: GitHub's deliveries fail and are never retried.
    box.setWebhook({ url: "http://127.0.0.1:9/down", secret: box.webhookSecret });
    const incident = await box.as("reporter").openIssue(REPO, { title: "Checkout is down" });
    const waiting = await box.as("reporter").openIssue(REPO, { title: "Data loss on save" });
    clock.advance(20 * 60_000);
    await box.as("oncall").comment(REPO, incident, "Restarted the pool");
    clock.advance(10 * 60_000);
    await box.as("oncall").close(REPO, incident, "completed");
    await box.idle();
    expect(box.deliveries.every((delivery) => delivery.status === 0)).toBe(true);

    app = await startApp(box, clock);
    box.setWebhook({ url: app.webhookUrl, secret: box.webhookSecret });
    const first = await askSweep(app, box);
    await box.idle();
    expect(first.status).toBe(200);
    expect(box.issue(REPO, incident).labels).toContain("severity: critical");
    expect(box.issue(REPO, waiting).labels).toContain("severity: critical");
    expect(rcas(box).map((rca) => rca.title)).toEqual([`RCA: Checkout is down (#${incident})`]);
    const own = (number: number, marker: string) =>
      box
        .issue(REPO, number)
        .comments.filter(
          (comment) => comment.user === "upkeep[bot]" && comment.body.includes(marker),
        );
    expect(own(incident, "<!-- upkeep:rca-link ")).toHaveLength(1);
    expect(own(waiting, "<!-- upkeep:sla ")).toHaveLength(1);
    expect(own(waiting, "<!-- upkeep:triage")).toHaveLength(1);

    box.resetRequests();
    const second = await askSweep(app, box);
    await box.idle();
    expect(second.status).toBe(200);
    expect(writes(box)).toEqual([]);
    expect(rcas(box)).toHaveLength(1);
  });
});

describe("the admin endpoint", () => {
  it("answers 401 to a request without the secret, and sweeps for the admin token", async () => {
    const { sandbox: box } = await world();
    process.env.UPKEEP_ADMIN_TOKEN = "admin-token-for-tests";
    app = await startApp(box);
    box.resetRequests();
    for (const auth of ["none", "wrong", { bearer: "not-it" }] as const) {
      expect((await askSweep(app, box, auth)).status).toBe(401);
    }
    expect(box.requests).toEqual([]);
    const answered = await askSweep(app, box, { bearer: "admin-token-for-tests" });
    expect(answered.status).toBe(200);
    expect(answered.body.repositories).toEqual([expect.objectContaining({ repository: REPO })]);
  });
  it("refuses other methods, oversized bodies and a bad repo name before sweeping", async () => {
    const { sandbox: box } = await world();
    app = await startApp(box);
    box.resetRequests();
    const url = `${app.url}${ADMIN_PATH}`;
    expect((await fetch(url)).status).toBe(405);
    const huge = "x".repeat(100 * 1024);
    expect((await fetch(url, { method: "POST", body: huge })).status).toBe(413);
    const body = JSON.stringify({ repo: "not a repo" });
    const signed = await fetch(url, {
      method: "POST",
      body,
      headers: { "x-upkeep-signature-256": await sign(box.webhookSecret, body) },
    });
    expect(signed.status).toBe(400);
    expect(box.requests).toEqual([]);
  });
});

describe("an App killed while handling an event", () => {
  it("leaves the issue half done; the next App's sweep finishes it", async () => {
    const { sandbox: box } = await world(undefined);
    // The App as its own process, with GitHub's pacing: writes a second apart, time to kill it.
    const url = `http://127.0.0.1:${await freePort()}`;
    child = spawn(process.execPath, [join(REPO_ROOT, "app/server.ts")], {
      env: {
        PATH: process.env.PATH ?? "",
        APP_ID: String(box.appId),
        PRIVATE_KEY: box.privateKey,
        WEBHOOK_SECRET: box.webhookSecret,
        GITHUB_API_URL: box.url,
        PORT: new URL(url).port,
        HOST: "127.0.0.1",
        LOG_LEVEL: "silent",
      },
      stdio: "ignore",
    });
    await waitFor(async () => {
      try {
        return (await fetch(`${url}/healthz`)).ok;
      } catch {
        return false;
      }
    });
    box.setWebhook({ url: `${url}/api/github/webhooks`, secret: box.webhookSecret });
    const number = await box.as("reporter").openIssue(REPO, { title: "Data loss on save" });
    await waitFor(async () => box.requests.some((request) => request.method === "POST"));
    child.kill("SIGKILL");
    await box.idle();
    expect(box.issue(REPO, number).labels).not.toContain("severity: critical");

    app = await startApp(box);
    box.setWebhook({ url: app.webhookUrl, secret: box.webhookSecret });
    expect((await askSweep(app, box)).status).toBe(200);
    await box.idle();
    expect(box.issue(REPO, number).labels).toContain("severity: critical");
    const explanations = box
      .issue(REPO, number)
      .comments.filter((comment) => comment.body.startsWith("<!-- upkeep:triage"));
    expect(explanations).toHaveLength(1);
  });
});

async function freePort(): Promise<number> {
  const { createServer } = await import("node:net");
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 20_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error("timed out waiting");
}
