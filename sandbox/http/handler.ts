// The request pipeline: parse, fault, route, authenticate, run, validate against OpenAPI, then
// answer with GitHub's headers (rate limit, ETag/304, request id). One request at a time changes state.
import { createHash, type KeyObject, randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { looksLikeJwt, verifyAppJwt } from "../app-jwt.ts";
import type { FaultInjector } from "../faults.ts";
import type { TokenGrant } from "../model.ts";
import { checkRequestBody, checkResponse } from "../openapi/validator.ts";
import { HttpError, type SandboxState } from "../state.ts";
import { RateLimits } from "./rate-limits.ts";
import type { RequestContext, Route, RouteResult } from "./route.ts";
import type { Router } from "./router.ts";

export interface RequestLogEntry {
  method: string;
  path: string;
  status: number;
  /** Who the request acted as (a login, or "app" for JWT calls); absent when unauthenticated. */
  token?: string;
}

export interface PipelineOptions {
  state: SandboxState;
  router: Router;
  faults: FaultInjector;
  validate: boolean;
  publicKey: KeyObject;
  clientId: string;
  requests: RequestLogEntry[];
  /** Requests being served right now and when the last one arrived (wall clock), for settled(). */
  activity: { inFlight: number; lastAt: number };
  validationErrors: string[];
  /** Requests whose bodies broke the operation's documented shape (answered 422). */
  requestErrors: string[];
  /** Extra routes under /_sandbox for scripting a sandbox in another process. */
  control?: (ctx: RequestContext) => Promise<RouteResult | undefined>;
  /** Requests whose answer is withheld once served (see Sandbox.withholdAnswer). */
  withheld?: WithheldAnswer[];
}

/** A request that is served (its change happens) but whose answer never reaches the client. */
export interface WithheldAnswer {
  matches(method: string, path: string): boolean;
  /** Called once the change is made. */
  reached(): void;
  /** When it settles, the connection is dropped without an answer. */
  released: Promise<void>;
}

const NOT_FOUND = {
  message: "Not Found",
  documentation_url: "https://docs.github.com/rest",
  status: "404",
};

interface Dispatched {
  result: RouteResult;
  route?: Route;
  grant?: TokenGrant;
}

/** Control path, fault, or route: everything that decides the answer before it is checked. */
async function dispatch(ctx: RequestContext, options: PipelineOptions): Promise<Dispatched> {
  const dispatched: Dispatched = { result: { status: 500 } };
  try {
    if (ctx.url.pathname.startsWith("/_sandbox") && options.control) {
      const control = await options.control(ctx);
      if (control) return { result: control };
    }
    const fault = options.faults.next(ctx.method, ctx.url.pathname);
    if (fault?.when === "instead") return { result: fault.result };
    const match = options.router.match(ctx.method, ctx.url.pathname);
    if (!match || match === "method-not-allowed")
      return { result: { status: 404, body: NOT_FOUND } };
    dispatched.route = match.route;
    ctx.params = match.params;
    dispatched.grant = authenticate(ctx, match.route, options);
    dispatched.result =
      (options.validate && rejectRequest(ctx, match.route, options)) ||
      (await match.route.handle(ctx));
    // The change is made (and its webhook queued); only the answer goes missing.
    if (fault && dispatched.result.status < 300) dispatched.result = fault.result;
  } catch (error) {
    dispatched.result = errorResult(error);
  }
  return dispatched;
}

/** A response that breaks GitHub's description is noted and replaced by a 500 that says why. */
function checked(
  method: string,
  route: Route | undefined,
  result: RouteResult,
  options: PipelineOptions,
): RouteResult {
  if (!route || !options.validate || result.raw !== undefined || result.status === 204)
    return result;
  const problem = checkResponse(method, route.path, result.status, result.body);
  if (!problem) return result;
  options.validationErrors.push(problem);
  return {
    status: 500,
    body: { message: `sandbox: ${problem}`, documentation_url: "https://docs.github.com/rest" },
  };
}

export function createHandler(options: PipelineOptions) {
  const limits = new RateLimits();
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    options.activity.inFlight++;
    options.activity.lastAt = Date.now();
    try {
      await serve(req, res, options, limits);
    } finally {
      options.activity.inFlight--;
      options.activity.lastAt = Date.now();
    }
  };
}

async function serve(
  req: IncomingMessage,
  res: ServerResponse,
  options: PipelineOptions,
  limits: RateLimits,
): Promise<void> {
  const url = new URL(req.url ?? "/", options.state.apiUrl);
  const method = (req.method ?? "GET").toUpperCase();
  const raw = await readBody(req);
  const ctx: RequestContext = {
    state: options.state,
    method,
    url,
    params: {},
    query: url.searchParams,
    body: {},
    headers: req.headers,
  };
  let dispatched: Dispatched;
  try {
    ctx.body = parseBody(raw);
    dispatched = await dispatch(ctx, options);
  } catch (error) {
    dispatched = { result: errorResult(error) };
  }
  const { route, grant } = dispatched;
  const result = checked(method, route, dispatched.result, options);
  const withheld = options.withheld?.findIndex((hold) => hold.matches(method, url.pathname)) ?? -1;
  if (withheld >= 0 && options.withheld) {
    const [hold] = options.withheld.splice(withheld, 1);
    options.requests.push({ method, path: url.pathname, status: result.status });
    hold?.reached();
    await hold?.released;
    res.destroy();
    return;
  }
  const status = write(
    req,
    res,
    method,
    result,
    limits.headers(grant?.token ?? "anonymous", url.pathname),
  );
  const token = route?.auth === "app" ? "app" : grant?.actor.login;
  options.requests.push({ method, path: url.pathname, status, ...(token ? { token } : {}) });
}

/** A body GitHub would refuse gets GitHub's 422, and is noted so that a client swallowing it still shows. */
function rejectRequest(
  ctx: RequestContext,
  route: Route,
  options: PipelineOptions,
): RouteResult | undefined {
  const problem = checkRequestBody(ctx.method, route.path, ctx.body);
  if (!problem) return undefined;
  options.requestErrors.push(`${ctx.method} ${ctx.url.pathname}: ${problem.replace(/\n+/g, " ")}`);
  return {
    status: 422,
    body: { message: problem, documentation_url: "https://docs.github.com/rest", status: "422" },
  };
}

function authenticate(
  ctx: RequestContext,
  route: Route,
  options: PipelineOptions,
): TokenGrant | undefined {
  const header = String(ctx.headers.authorization ?? "");
  const token = header.replace(/^(token|bearer)\s+/i, "").trim();
  if (route.auth === "app") {
    if (!token) throw new HttpError(401, "A JSON web token could not be decoded");
    verifyAppJwt(token, options.publicKey, options.state.appId, options.clientId);
    return undefined;
  }
  if (!token) {
    if (route.auth === "optional") return undefined;
    throw new HttpError(401, "Requires authentication", undefined, "https://docs.github.com/rest");
  }
  const grant = options.state.tokens.get(token);
  if (!grant || Date.parse(grant.expiresAt) <= Date.now()) {
    const message = looksLikeJwt(token)
      ? "A JSON web token could not be decoded"
      : "Bad credentials";
    throw new HttpError(401, message, undefined, "https://docs.github.com/rest");
  }
  ctx.grant = grant;
  ctx.actor = grant.actor;
  return grant;
}

function errorResult(error: unknown): RouteResult {
  if (error instanceof HttpError) {
    const body: Record<string, unknown> = { message: error.message, documentation_url: error.docs };
    if (error.errors) body.errors = error.errors;
    body.status = String(error.status);
    return { status: error.status, body };
  }
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return {
    status: 500,
    body: { message: `sandbox bug: ${message}`, documentation_url: "https://docs.github.com/rest" },
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function parseBody(raw: string): Record<string, unknown> {
  if (raw.trim() === "") return {};
  try {
    return JSON.parse(raw) as Record<string, unknown>;
  } catch {
    throw new HttpError(400, "Problems parsing JSON", undefined, "https://docs.github.com/rest");
  }
}

function write(
  req: IncomingMessage,
  res: ServerResponse,
  method: string,
  result: RouteResult,
  limitHeaders: Record<string, string>,
): number {
  const headers: Record<string, string> = {
    "x-github-request-id": randomUUID().toUpperCase(),
    "x-github-api-version-selected": "2022-11-28",
    ...limitHeaders,
    ...result.headers,
  };
  if (result.status === 204) {
    res.writeHead(204, headers).end();
    return 204;
  }
  const text = result.raw ?? JSON.stringify(result.body ?? null);
  if (result.raw === undefined) {
    headers["content-type"] = "application/json; charset=utf-8";
    headers["x-github-media-type"] = "github.v3; format=json";
  }
  if (method === "GET" && result.status === 200) {
    headers.etag = `W/"${createHash("sha256").update(text).digest("hex").slice(0, 40)}"`;
    if (req.headers["if-none-match"] === headers.etag) {
      res.writeHead(304, headers).end();
      return 304;
    }
  }
  res.writeHead(result.status, headers).end(text);
  return result.status;
}
