// `npm start`: runs the Upkeep App in Probot's server with a health endpoint and JSON logs.
// Reads APP_ID, PRIVATE_KEY (or PRIVATE_KEY_PATH), WEBHOOK_SECRET, GHE_HOST (GitHub Enterprise)
// or GITHUB_API_URL, PORT and HOST. Secrets are never logged (see `redact` below).
import { createServer } from "node:net";
import { getPrivateKey } from "@probot/get-private-key";
import { pino } from "pino";
import { Probot, Server } from "probot";
import type { Clock } from "../core/time/clock.ts";
import { healthHandler } from "./health.ts";
import { upkeepApp } from "./index.ts";
import { type PacingOptions, upkeepOctokit } from "./octokit.ts";

export interface AppServerOptions {
  appId: number | string;
  privateKey: string;
  secret: string;
  /** REST base URL: https://api.github.com, https://HOST/api/v3, or the sandbox's URL. */
  baseUrl?: string;
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  clock?: Clock;
  logLevel?: "trace" | "debug" | "info" | "warn" | "error" | "fatal" | "silent";
  /** GitHub's advised pacing and backoff by default; tests and benchmarks shorten waits, not retries. */
  pacing?: PacingOptions;
  /** Run only these handlers (by name); default all. */
  only?: string[];
}

export interface AppServer {
  url: string;
  webhookUrl: string;
  port: number;
  close(): Promise<void>;
}

const WEBHOOK_PATH = "/api/github/webhooks";

export async function startAppServer(options: AppServerOptions): Promise<AppServer> {
  const log = pino({
    name: "upkeep",
    level: options.logLevel ?? "info",
    // Belt and braces: nothing logs these on purpose, but a logged request or error object could.
    redact: [
      "privateKey",
      "secret",
      "*.authorization",
      "*.headers.authorization",
      "req.headers.authorization",
    ],
  });
  const host = options.host ?? "127.0.0.1";
  // Probot's Server treats port 0 as "use 3000", so find a free port ourselves.
  const port = options.port ? options.port : await freePort(host);
  const server = new Server({
    host,
    port,
    log,
    webhookPath: WEBHOOK_PATH,
    enableStaticFiles: false,
    Probot: Probot.defaults({
      appId: options.appId,
      privateKey: options.privateKey,
      secret: options.secret,
      baseUrl: options.baseUrl ?? "https://api.github.com",
      log,
      Octokit: upkeepOctokit(options.pacing),
    }),
  });
  await server.load(upkeepApp({ clock: options.clock, only: options.only }));
  server.addHandler(healthHandler);
  await server.start();
  const url = `http://${host}:${server.port}`;
  return {
    url,
    webhookUrl: `${url}${WEBHOOK_PATH}`,
    port: server.port,
    close: () => server.stop(),
  };
}

function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, host, () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** The options from the environment, with errors that say which variable is missing. */
export function optionsFromEnv(env: NodeJS.ProcessEnv): AppServerOptions {
  const appId = env.APP_ID;
  if (!appId) throw new Error("APP_ID is not set: the App ID from the GitHub App's settings page");
  const privateKey = getPrivateKey({ env });
  if (!privateKey)
    throw new Error("PRIVATE_KEY or PRIVATE_KEY_PATH is not set: the App's private key (PEM)");
  const secret = env.WEBHOOK_SECRET;
  if (!secret) throw new Error("WEBHOOK_SECRET is not set: the App's webhook secret");
  const baseUrl =
    env.GITHUB_API_URL ??
    (env.GHE_HOST ? `${env.GHE_PROTOCOL ?? "https"}://${env.GHE_HOST}/api/v3` : undefined);
  return {
    appId,
    privateKey,
    secret,
    baseUrl,
    port: env.PORT ? Number(env.PORT) : 3000,
    host: env.HOST ?? "0.0.0.0",
    logLevel: (env.LOG_LEVEL as AppServerOptions["logLevel"]) ?? "info",
  };
}

if (import.meta.main) {
  try {
    const server = await startAppServer(optionsFromEnv(process.env));
    const stop = () => void server.close().then(() => process.exit(0));
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
  } catch (error) {
    console.error(`upkeep app: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}
