// The webhook receiver as GitHub (and an attacker) meet it: `npm start` in its own process, signed,
// unsigned and oversized HTTP requests, its logs and its /metrics, and its memory while a 300 MB
// body is thrown at it.
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { sign } from "@octokit/webhooks-methods";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "../../sandbox/index.ts";
import { REPO_ROOT } from "../support/run-cli.ts";

const REPO = "octo-org/octo-repo";
const SECRET = "receiver-test-secret";
const BODY_MARKER = "BODY-TEXT-THAT-MUST-NEVER-BE-LOGGED";

let sandbox: Sandbox;
let child: ChildProcess;
let base = "";
let stdout = "";

beforeAll(async () => {
  sandbox = await startSandbox();
  sandbox.addRepo(REPO);
  sandbox.addUser("visitor");
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  child = spawn(process.execPath, [join(REPO_ROOT, "app/server.ts")], {
    env: {
      PATH: process.env.PATH ?? "",
      APP_ID: String(sandbox.appId),
      PRIVATE_KEY: sandbox.privateKey,
      WEBHOOK_SECRET: SECRET,
      GITHUB_API_URL: sandbox.url,
      PORT: String(port),
      HOST: "127.0.0.1",
    },
  });
  child.stdout?.on("data", (chunk) => {
    stdout += chunk;
  });
  base = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 100; attempt++) {
    if (
      await fetch(`${base}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("the App never answered /healthz");
});

afterAll(async () => {
  child.kill("SIGTERM");
  await new Promise((resolve) => child.once("close", resolve));
  await sandbox.close();
});

async function post(body: string, headers: Record<string, string>) {
  const response = await fetch(`${base}/api/github/webhooks`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-github-event": "issues", ...headers },
    body,
  });
  await response.text();
  return response.status;
}

/** Waits (a little) for the App's log to mention `text`: its stdout arrives asynchronously. */
async function logged(text: string): Promise<void> {
  for (let attempt = 0; attempt < 50 && !stdout.includes(text); attempt++)
    await new Promise((resolve) => setTimeout(resolve, 20));
}

/** Peak resident memory of the App process so far (Linux), in bytes. */
function peakRss(): number {
  const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1]) * 1024;
}

/**
 * Streams `total` bytes (chunked, no content-length) unless the server answers first; resolves
 * with the status and how much was sent before it did.
 */
function streamHuge(total: number, delivery: string): Promise<{ status: number; sent: number }> {
  return new Promise((resolve, reject) => {
    const chunk = Buffer.alloc(1024 * 1024, `{"x":"${BODY_MARKER}"}`);
    let sent = 0;
    let answered = false;
    const req = request(`${base}/api/github/webhooks`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-github-event": "issues",
        "x-github-delivery": delivery,
        "transfer-encoding": "chunked",
      },
    });
    req.on("response", (res) => {
      answered = true;
      res.resume();
      resolve({ status: res.statusCode ?? 0, sent });
    });
    req.on("error", (error) => {
      if (!answered) reject(error);
    });
    const pump = () => {
      while (!answered && sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

describe("webhook receiver", () => {
  it("a signed delivery is queued with 202, a redelivery of the same id answers 200 and is dropped", async () => {
    const number = await sandbox.as("visitor").openIssue(REPO, { title: "Production outage" });
    await sandbox.idle();
    const payload = sandbox.webhookPayload("issues", "opened", {
      repo: REPO,
      issue: number,
      sender: "visitor",
    });
    const body = JSON.stringify(payload);
    const delivery = randomUUID();
    const headers = {
      "x-github-delivery": delivery,
      "x-hub-signature-256": await sign(SECRET, body),
    };
    expect(await post(body, headers)).toBe(202);
    expect(await post(body, headers)).toBe(200);
    // Production pacing (one write a second per installation) applies here: labels come first.
    for (let attempt = 0; attempt < 400; attempt++) {
      if (sandbox.issue(REPO, number).labels.length > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(sandbox.issue(REPO, number).labels).toEqual(["severity: critical"]);
  }, 30_000);

  it("checks the signature before parsing: a bad signature on any body is 401, a signed non-JSON body 400", async () => {
    const notJson = `not json ${BODY_MARKER}`;
    const delivery = randomUUID();
    expect(
      await post(notJson, { "x-github-delivery": delivery, "x-hub-signature-256": "sha256=00" }),
    ).toBe(401);
    expect(await post(notJson, { "x-github-delivery": randomUUID() })).toBe(401);
    expect(
      await post(notJson, {
        "x-github-delivery": randomUUID(),
        "x-hub-signature-256": await sign(SECRET, notJson),
      }),
    ).toBe(400);
    await logged(delivery);
    const line = stdout.split("\n").find((l) => l.includes(delivery)) ?? "";
    expect(JSON.parse(line)).toMatchObject({
      delivery,
      bytes: Buffer.byteLength(notJson),
      msg: "webhook signature mismatch",
    });
    expect(stdout).not.toContain(BODY_MARKER);
  });

  it("a declared 300 MB body is refused with 413 before it is read", async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${base}/api/github/webhooks`, {
        method: "POST",
        headers: {
          "x-github-event": "issues",
          "x-github-delivery": randomUUID(),
          "content-length": String(300 * 1024 * 1024),
        },
      });
      req.on("response", (res) => resolve(res.statusCode ?? 0));
      req.on("error", reject);
      req.write("{");
    });
    expect(status).toBe(413);
  });

  it("an unsigned 300 MB stream is cut off with 413 near the 25 MB limit and memory stays bounded", async () => {
    const before = peakRss();
    const delivery = randomUUID();
    const { status, sent } = await streamHuge(300 * 1024 * 1024, delivery);
    expect(status).toBe(413);
    expect(sent).toBeLessThan(100 * 1024 * 1024);
    expect(peakRss() - before).toBeLessThan(200 * 1024 * 1024);
    // The App still serves, and said what it refused without quoting it.
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    await logged(delivery);
    expect(stdout).toContain(delivery);
    expect(stdout).not.toContain(BODY_MARKER);
  });

  it("/metrics counts deliveries by outcome for Prometheus", async () => {
    const text = await (await fetch(`${base}/metrics`)).text();
    const value = (outcome: string) =>
      Number(
        new RegExp(
          `upkeep_webhook_deliveries_total\\{event="issues",outcome="${outcome}"\\} (\\d+)`,
        ).exec(text)?.[1] ?? 0,
      );
    expect(value("queued")).toBeGreaterThanOrEqual(1);
    expect(value("duplicate")).toBeGreaterThanOrEqual(1);
    expect(value("bad_signature")).toBeGreaterThanOrEqual(2);
    expect(value("too_large")).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/upkeep_queue_depth\{state="waiting"\} \d+/);
    expect(text).toContain("process_resident_memory_bytes");
  });
});
