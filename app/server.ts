// `npm start`: the Upkeep App. UPKEEP_ROLE picks what this process does: `receive` (verify and
// queue webhooks), `work` (run queued jobs through the handlers) or `all` (both; the default).
// Without UPKEEP_REDIS_URL the queue lives in this process (role `all` only); with it, receivers
// and workers scale apart over Redis (BullMQ). See docs/deploy.md for every variable.
// Secrets are never logged (see `redact` below); webhook bodies are never logged.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { getPrivateKey } from "@probot/get-private-key";
import { type Logger, pino } from "pino";
import { Probot } from "probot";
import { type Clock, systemClock } from "../core/time/clock.ts";
import { handledEvents } from "./handlers/index.ts";
import { healthHandler } from "./health.ts";
import { upkeepApp } from "./index.ts";
import { AppMetrics } from "./metrics.ts";
import { type PacingOptions, upkeepOctokit } from "./octokit.ts";
import { type QueueSetup, queueSetup, type WriteBudgetShape } from "./queue/setup.ts";
import { GITHUB_MAX_PAYLOAD_BYTES, webhookReceiver } from "./receiver.ts";
import { type DelayUntil, queueDeadlines } from "./sla-deadlines.ts";
import { eventRunner } from "./worker.ts";

export const ROLES = ["receive", "work", "all"] as const;
export type AppRole = (typeof ROLES)[number];

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
  role?: AppRole;
  /** Redis for the queue, delivery ids and the write budget; none keeps them in this process. */
  redisUrl?: string;
  /** Prefix of every Redis key (default "upkeep"). */
  redisPrefix?: string;
  /** Jobs one worker process runs at once (default 16). */
  concurrency?: number;
  /** Largest webhook body accepted (default GitHub's cap, 25 MB). */
  maxBodyBytes?: number;
  /** Per-installation write budget; null turns it off (default 80 at once, 500 an hour). */
  writeBudget?: WriteBudgetShape | null;
  /** First retry wait of a failed job (default 1000 ms). */
  retryBaseMs?: number;
  /** How long a silent worker keeps its job before another takes it over (Redis; default 30 s). */
  jobLockMs?: number;
  /** Wall-clock wait until an SLA deadline in clock time; tests running a fast clock give theirs. */
  deadlineDelay?: DelayUntil;
}

export interface AppServer {
  url: string;
  webhookUrl: string;
  port: number;
  role: AppRole;
  /** Resolves when this App's queue has nothing waiting, running or held back. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

const WEBHOOK_PATH = "/api/github/webhooks";

export async function startAppServer(options: AppServerOptions): Promise<AppServer> {
  const role = options.role ?? "all";
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
  if (role !== "all" && !options.redisUrl)
    throw new Error(
      `UPKEEP_ROLE=${role} needs UPKEEP_REDIS_URL: receivers and workers meet in Redis`,
    );
  const setup = queueSetup({ ...options, log });
  const metrics = new AppMetrics(setup.queue);
  const worker = role !== "receive" ? await startWorker(options, setup, metrics, log) : undefined;
  const routes = [
    ...(role !== "work" ? [webhookRoute(options, setup, metrics, log)] : []),
    // The admin sweep runs where the handlers live: workers (and `all`).
    ...(worker?.adminRoute ? [worker.adminRoute] : []),
    healthHandler(role),
    metrics.handler(),
  ];
  const server = createServer((req, res) => void serve(routes, req, res, log));
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  log.info({ role, queue: options.redisUrl ? "redis" : "memory", port }, "upkeep app listening");
  return {
    url,
    webhookUrl: `${url}${WEBHOOK_PATH}`,
    port,
    role,
    idle: () => setup.queue.idle(),
    async close() {
      worker?.stopSweeps();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await setup.close();
    },
  };
}

type Route = (req: IncomingMessage, res: ServerResponse) => Promise<boolean> | boolean;

async function serve(routes: Route[], req: IncomingMessage, res: ServerResponse, log: Logger) {
  try {
    for (const route of routes) if (await route(req, res)) return;
    res.writeHead(404, { "content-type": "application/json" }).end('{"message":"Not Found"}');
  } catch (error) {
    log.error({ err: error, path: req.url?.split("?")[0] }, "request failed");
    if (!res.headersSent) res.writeHead(500).end();
  }
}

function webhookRoute(
  options: AppServerOptions,
  setup: QueueSetup,
  metrics: AppMetrics,
  log: Logger,
): Route {
  const receive = webhookReceiver({
    secret: options.secret,
    queue: setup.queue,
    deliveries: setup.deliveries,
    events: handledEvents(options.only),
    metrics,
    log,
    maxBytes: options.maxBodyBytes ?? GITHUB_MAX_PAYLOAD_BYTES,
  });
  return async (req, res) => {
    if (req.url?.split("?")[0] !== WEBHOOK_PATH) return false;
    if (req.method !== "POST") {
      res.writeHead(405, { allow: "POST" }).end();
      return true;
    }
    await receive(req, res);
    return true;
  };
}

async function startWorker(
  options: AppServerOptions,
  setup: QueueSetup,
  metrics: AppMetrics,
  log: Logger,
): Promise<{ adminRoute?: Route; stopSweeps: () => void }> {
  const probot = new Probot({
    appId: options.appId,
    privateKey: options.privateKey,
    secret: options.secret,
    baseUrl: options.baseUrl ?? "https://api.github.com",
    // Probot logs whole payloads at debug level; webhook bodies are hostile text, never logged.
    log: log.isLevelEnabled("debug") ? log.child({}, { level: "info" }) : log,
    Octokit: upkeepOctokit(options.pacing, {
      budget: setup.budget,
      resumeAfterMs: setup.resumeAfterMs,
      metrics,
    }),
  });
  const clock = options.clock ?? systemClock;
  const deadlines = queueDeadlines(setup.queue, clock, options.deadlineDelay);
  let adminRoute: Route | undefined;
  const stops: (() => void)[] = [];
  await probot.load(
    upkeepApp({
      clock,
      only: options.only,
      deadlines,
      serveAdmin: (route) => {
        adminRoute = route;
      },
      onSweepTimer: (stop) => stops.push(stop),
    }),
  );
  await setup.queue.work(eventRunner(probot, metrics), { concurrency: options.concurrency ?? 16 });
  return {
    adminRoute,
    stopSweeps: () => {
      for (const stop of stops) stop();
    },
  };
}

/** The options from the environment, with errors that say which variable is wrong. */
export function optionsFromEnv(env: NodeJS.ProcessEnv): AppServerOptions {
  const role = (env.UPKEEP_ROLE ?? "all") as AppRole;
  if (!ROLES.includes(role))
    throw new Error(`UPKEEP_ROLE must be one of ${ROLES.join(", ")}, got "${env.UPKEEP_ROLE}"`);
  const appId = env.APP_ID;
  const privateKey = getPrivateKey({ env }) ?? undefined;
  if (role !== "receive") {
    if (!appId)
      throw new Error("APP_ID is not set: the App ID from the GitHub App's settings page");
    if (!privateKey)
      throw new Error("PRIVATE_KEY or PRIVATE_KEY_PATH is not set: the App's private key (PEM)");
  }
  const secret = env.WEBHOOK_SECRET;
  if (!secret) throw new Error("WEBHOOK_SECRET is not set: the App's webhook secret");
  const baseUrl =
    env.GITHUB_API_URL ??
    (env.GHE_HOST ? `${env.GHE_PROTOCOL ?? "https"}://${env.GHE_HOST}/api/v3` : undefined);
  const spacing = env.UPKEEP_WRITE_SPACING_MS
    ? count(env, "UPKEEP_WRITE_SPACING_MS", 1000)
    : undefined;
  const burst = count(env, "UPKEEP_WRITE_BURST", 80);
  const perHour = count(env, "UPKEEP_WRITES_PER_HOUR", 500);
  return {
    appId: appId ?? "0",
    privateKey: privateKey ?? "",
    secret,
    baseUrl,
    port: count(env, "PORT", 3000),
    host: env.HOST ?? "0.0.0.0",
    logLevel: (env.LOG_LEVEL as AppServerOptions["logLevel"]) ?? "info",
    role,
    redisUrl: env.UPKEEP_REDIS_URL || undefined,
    redisPrefix: env.UPKEEP_REDIS_PREFIX || undefined,
    concurrency: count(env, "UPKEEP_WORKER_CONCURRENCY", 16),
    maxBodyBytes: count(env, "UPKEEP_MAX_WEBHOOK_BYTES", GITHUB_MAX_PAYLOAD_BYTES),
    writeBudget: perHour === 0 ? null : { capacity: burst, perHour },
    pacing: spacing === undefined ? undefined : { writeMs: spacing, notifyMs: spacing },
    jobLockMs: env.UPKEEP_JOB_LOCK_MS ? count(env, "UPKEEP_JOB_LOCK_MS", 30_000) : undefined,
    retryBaseMs: env.UPKEEP_RETRY_BASE_MS ? count(env, "UPKEEP_RETRY_BASE_MS", 1000) : undefined,
  };
}

function count(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`${name} must be a whole number of 0 or more, got "${raw}"`);
  return value;
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
