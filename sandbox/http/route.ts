// What a route sees and returns; the pipeline in handler.ts does auth, faults, headers and validation.
import type { IncomingHttpHeaders } from "node:http";
import type { Account, Repo, TokenGrant } from "../model.ts";
import { HttpError, type SandboxState } from "../state.ts";

export type AuthKind = "app" | "token" | "optional";

export interface RequestContext {
  state: SandboxState;
  method: string;
  url: URL;
  params: Record<string, string>;
  query: URLSearchParams;
  body: Record<string, unknown>;
  headers: IncomingHttpHeaders;
  /** Who the request acts as; undefined only on unauthenticated "optional" routes and app (JWT) routes. */
  actor?: Account;
  grant?: TokenGrant;
}

export interface RouteResult {
  status: number;
  body?: unknown;
  /** A non-JSON body (raw file contents); skips OpenAPI validation. */
  raw?: string;
  headers?: Record<string, string>;
}

export interface Route {
  method: string;
  /** The OpenAPI path template, e.g. /repos/{owner}/{repo}/issues/{issue_number}. */
  path: string;
  auth: AuthKind;
  handle(ctx: RequestContext): RouteResult | Promise<RouteResult>;
}

/** The repository named in the path, if the caller's token may see it (404 otherwise, like GitHub). */
export function repoOf(ctx: RequestContext): Repo {
  const repo = ctx.state.repo(`${ctx.params.owner}/${ctx.params.repo}`);
  const installationId = ctx.grant?.installationId;
  if (installationId !== undefined) {
    const installation = ctx.state.installations.get(installationId);
    if (!installation?.repos.has(repo.fullName.toLowerCase()))
      throw new HttpError(404, "Not Found");
  }
  return repo;
}

export function actorOf(ctx: RequestContext): Account {
  if (!ctx.actor) throw new HttpError(401, "Requires authentication");
  return ctx.actor;
}

export function numberParam(ctx: RequestContext, name: string): number {
  const value = Number(ctx.params[name]);
  if (!Number.isInteger(value) || value < 1) throw new HttpError(404, "Not Found");
  return value;
}

export function stringField(ctx: RequestContext, name: string, resource: string): string {
  const value = ctx.body[name];
  if (typeof value !== "string") {
    throw new HttpError(422, "Validation Failed", [
      { resource, field: name, code: "missing_field" },
    ]);
  }
  return value;
}

export function stringList(value: unknown, field: string, resource: string): string[] {
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  const names = list.map((item) =>
    typeof item === "object" && item !== null ? (item as { name?: unknown }).name : item,
  );
  if (!names.every((name): name is string => typeof name === "string")) {
    throw new HttpError(422, "Validation Failed", [{ resource, field, code: "invalid" }]);
  }
  return names;
}

/** A timestamp query parameter (`since`, `until`) as epoch ms; 422 like GitHub when it is not ISO 8601. */
export function timeParam(ctx: RequestContext, name: string): number | undefined {
  const value = ctx.query.get(name);
  if (value === null || value === "") return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) {
    throw new HttpError(422, "Validation Failed", [
      { resource: "Search", field: name, code: "invalid", value },
    ]);
  }
  return ms;
}
