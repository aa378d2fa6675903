// GET /healthz for load balancers and orchestrators: 200 with a small JSON body while the process
// serves requests. It reports liveness only; GitHub reachability shows in the logs and /metrics.
import type { IncomingMessage, ServerResponse } from "node:http";
import { Probot } from "probot";

const startedAt = Date.now();

export function healthHandler(role: string) {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    if (req.method !== "GET" || req.url?.split("?")[0] !== "/healthz") return false;
    const body = JSON.stringify({
      status: "ok",
      app: "upkeep",
      role,
      probot: Probot.version,
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
    });
    res.writeHead(200, { "content-type": "application/json" }).end(body);
    return true;
  };
}
