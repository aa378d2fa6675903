// /_sandbox: the test-side API over HTTP, so a sandbox in another process (sandbox/server.ts, the
// demo) can be scripted too. Never faulted, never validated against GitHub's description.
import type { RequestContext, RouteResult } from "./http/route.ts";
import type { Sandbox } from "./index.ts";
import type { RepoPermission } from "./model.ts";

type Json = Record<string, unknown>;

const SCRIPTED_ACTIONS = new Set([
  "openIssue",
  "openPullRequest",
  "mergePullRequest",
  "editIssue",
  "comment",
  "editComment",
  "addLabels",
  "removeLabel",
  "close",
  "reopen",
  "assign",
  "unassign",
]);

function ok(body: unknown = { ok: true }, status = 200): RouteResult {
  return { status, body };
}

function fail(status: number, message: string): RouteResult {
  return { status, body: { message } };
}

async function scripted(
  sandbox: Sandbox,
  login: string,
  action: string,
  args: unknown,
): Promise<RouteResult> {
  if (!SCRIPTED_ACTIONS.has(action)) return fail(404, `unknown scripted action "${action}"`);
  if (!Array.isArray(args)) return fail(400, `body.args must be the argument list of ${action}`);
  const user = sandbox.as(login) as unknown as Record<
    string,
    (...values: unknown[]) => Promise<unknown>
  >;
  const result = await user[action]!(...args);
  return ok({ result: result ?? null });
}

/** Answers a /_sandbox request, or undefined when the path is not a control path. */
export async function handleControl(
  sandbox: Sandbox,
  ctx: RequestContext,
): Promise<RouteResult | undefined> {
  const parts = ctx.url.pathname.split("/").slice(2).map(decodeURIComponent);
  const body = ctx.body as Json;
  const route = `${ctx.method} ${parts[0] ?? ""}`;
  try {
    switch (route) {
      case "POST repos":
        sandbox.addRepo(String(body.name), body as never);
        return ok({ name: body.name }, 201);
      case "PUT files":
        sandbox.setFile(
          `${parts[1]}/${parts[2]}`,
          parts.slice(3).join("/"),
          String(body.text ?? ""),
        );
        return ok();
      case "POST users":
        sandbox.addUser(String(body.login), { type: body.type === "Bot" ? "Bot" : "User" });
        return ok({ login: body.login }, 201);
      case "PUT permissions":
        sandbox.setPermission(
          `${parts[1]}/${parts[2]}`,
          String(parts[3]),
          body.permission as RepoPermission,
        );
        return ok();
      case "POST tokens":
        return ok(
          {
            token: body.owner
              ? sandbox.installationToken(String(body.owner))
              : sandbox.createToken(String(body.login)),
          },
          201,
        );
      case "POST as":
        return await scripted(sandbox, String(parts[1]), String(parts[2]), body.args);
      case "GET issues":
        return ok(
          parts[3]
            ? sandbox.issue(`${parts[1]}/${parts[2]}`, Number(parts[3]))
            : sandbox.issues(`${parts[1]}/${parts[2]}`),
        );
      case "GET labels":
        return ok(sandbox.labels(`${parts[1]}/${parts[2]}`));
      case "GET deliveries":
        return ok(
          sandbox.deliveries.map(({ id, event, action, status }) => ({
            id,
            event,
            action,
            status,
          })),
        );
      case "POST idle":
        await sandbox.idle();
        return ok();
      case "PUT webhook":
        sandbox.setWebhook({
          url: String(body.url),
          secret: body.secret === undefined ? undefined : String(body.secret),
        });
        return ok();
      case "PUT faults":
        sandbox.setFaults(body as never);
        return ok();
      case "GET validation-errors":
        return ok(sandbox.validationErrors);
      default:
        return fail(
          404,
          `no sandbox control route ${ctx.method} ${ctx.url.pathname}; see sandbox/README.md`,
        );
    }
  } catch (error) {
    return fail(400, (error as Error).message);
  }
}
