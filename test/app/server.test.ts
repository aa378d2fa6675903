// `npm start` as operators run it: a process configured from the environment.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { optionsFromEnv, startAppServer } from "../../app/server.ts";
import { type Sandbox, startSandbox } from "../../sandbox/index.ts";
import { REPO_ROOT } from "../support/run-cli.ts";

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

describe("app server configuration", () => {
  it("names the missing variable", () => {
    expect(() => optionsFromEnv({})).toThrow(/APP_ID/);
    expect(() => optionsFromEnv({ APP_ID: "1" })).toThrow(/PRIVATE_KEY/);
  });

  it("names the wrong variable for roles and numbers; a receiver needs only the secret", () => {
    expect(() => optionsFromEnv({ UPKEEP_ROLE: "both", WEBHOOK_SECRET: "s" })).toThrow(
      /UPKEEP_ROLE must be one of receive, work, all/,
    );
    expect(
      optionsFromEnv({
        UPKEEP_ROLE: "receive",
        WEBHOOK_SECRET: "s",
        UPKEEP_REDIS_URL: "redis://r",
      }),
    ).toMatchObject({ role: "receive", redisUrl: "redis://r" });
    expect(() =>
      optionsFromEnv({ UPKEEP_ROLE: "receive", WEBHOOK_SECRET: "s", UPKEEP_WRITE_BURST: "lots" }),
    ).toThrow(/UPKEEP_WRITE_BURST must be a whole number/);
    expect(
      optionsFromEnv({ UPKEEP_ROLE: "receive", WEBHOOK_SECRET: "s", UPKEEP_WRITES_PER_HOUR: "0" })
        .writeBudget,
    ).toBeNull();
  });

  it("a receiver or worker without Redis is refused: they would never meet", async () => {
    await expect(
      startAppServer({
        appId: 1,
        privateKey: "",
        secret: "s",
        role: "receive",
        logLevel: "silent",
      }),
    ).rejects.toThrow(/UPKEEP_ROLE=receive needs UPKEEP_REDIS_URL/);
  });

  it("uses GHE_HOST for GitHub Enterprise, GITHUB_API_URL over it", async () => {
    sandbox = await startSandbox();
    const base = { APP_ID: "1", PRIVATE_KEY: sandbox.privateKey, WEBHOOK_SECRET: "s" };
    expect(optionsFromEnv({ ...base, GHE_HOST: "ghe.example.com" }).baseUrl).toBe(
      "https://ghe.example.com/api/v3",
    );
    expect(
      optionsFromEnv({ ...base, GHE_HOST: "ghe.example.com", GITHUB_API_URL: "http://x" }).baseUrl,
    ).toBe("http://x");
  });

  it("npm start serves /healthz and logs JSON lines without secrets", async () => {
    sandbox = await startSandbox();
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const secret = "very-secret-webhook-value";
    const child = spawn(process.execPath, [join(REPO_ROOT, "app/server.ts")], {
      env: {
        PATH: process.env.PATH ?? "",
        APP_ID: String(sandbox.appId),
        PRIVATE_KEY: sandbox.privateKey,
        WEBHOOK_SECRET: secret,
        GITHUB_API_URL: sandbox.url,
        PORT: String(port),
        HOST: "127.0.0.1",
      },
    });
    let stdout = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    try {
      const health = await poll(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: "ok" });
      const unsigned = await fetch(`http://127.0.0.1:${port}/api/github/webhooks`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-github-event": "issues",
          "x-github-delivery": "1",
        },
        body: "{}",
      });
      expect(unsigned.status).toBeGreaterThanOrEqual(400);
      expect(unsigned.status).toBeLessThan(500);
    } finally {
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("close", resolve));
    }
    const lines = stdout.trim().split("\n").filter(Boolean);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    expect(stdout).not.toContain(secret);
    expect(stdout).not.toContain("PRIVATE KEY");
  });
});

async function poll(url: string): Promise<Response> {
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      return await fetch(url);
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`${url} never answered`);
}
