// POST /api/upkeep/sweep: runs the App's sweep now, for every repository or the one named in the
// body ({"repo": "owner/name"}), and answers with what it did. Admin only: either
// `Authorization: Bearer <UPKEEP_ADMIN_TOKEN>`, or the body signed with the webhook secret the way
// GitHub signs deliveries (`X-Upkeep-Signature-256: sha256=<HMAC-SHA256 of the body>`).
// Anything else gets 401 before the body is parsed; a replayed signed request only sweeps again.
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { FullSweepReport } from "../github/sweep/repository.ts";
import type { SweepFilter } from "./sweep.ts";

export const ADMIN_SWEEP_PATH = "/api/upkeep/sweep";
const MAX_BODY_BYTES = 64 * 1024;
const REPO_NAME = /^[\w.-]+\/[\w.-]+$/;

export interface AdminSweepOptions {
  /** Checks a body against the webhook secret (Probot's `app.webhooks.verify`). */
  verifySignature(body: string, signature: string): Promise<boolean>;
  /** UPKEEP_ADMIN_TOKEN, when set. */
  adminToken?: string;
  sweep(filter: SweepFilter): Promise<FullSweepReport[]>;
}

export function adminSweepHandler(options: AdminSweepOptions) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    if (req.url?.split("?")[0] !== ADMIN_SWEEP_PATH) return false;
    if (req.method !== "POST") return answer(res, 405, { message: "use POST" });
    const body = await readBody(req);
    if (body === undefined) {
      // Answer first, then drop the connection: the rest of the body is never read.
      res.once("finish", () => req.destroy());
      return answer(res, 413, { message: "body over 64 KiB" }, { connection: "close" });
    }
    if (!(await authorised(req, body, options)))
      return answer(res, 401, {
        message: "needs Authorization: Bearer <UPKEEP_ADMIN_TOKEN> or X-Upkeep-Signature-256",
      });
    const filter = parseFilter(body);
    if (typeof filter === "string") return answer(res, 400, { message: filter });
    try {
      const reports = await options.sweep(filter);
      return answer(res, 200, { repositories: reports.map(summary) });
    } catch (error) {
      return answer(res, 500, { message: `sweep failed: ${(error as Error).message}` });
    }
  };
}

async function authorised(
  req: IncomingMessage,
  body: string,
  options: AdminSweepOptions,
): Promise<boolean> {
  const bearer = /^Bearer (.+)$/i.exec(String(req.headers.authorization ?? ""))?.[1];
  if (bearer && options.adminToken) return sameSecret(bearer, options.adminToken);
  const signature = req.headers["x-upkeep-signature-256"];
  if (typeof signature !== "string" || !signature.startsWith("sha256=")) return false;
  return options.verifySignature(body, signature).catch(() => false);
}

/** Compares digests, so neither the length nor the content leaks through timing. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHash("sha256").update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function parseFilter(body: string): SweepFilter | string {
  if (body.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return 'the body must be JSON: {} or {"repo": "owner/name"}';
  }
  const repo = (parsed as { repo?: unknown } | null)?.repo;
  if (repo === undefined) return {};
  if (typeof repo !== "string" || !REPO_NAME.test(repo)) return 'repo must be "owner/name"';
  return { repo };
}

function summary(report: FullSweepReport) {
  return {
    repository: report.repository,
    triaged: report.triaged,
    rca: report.rca,
    slaTimelinesRead: report.sla?.reads ?? 0,
    rcaReminders: report.tracking.rcaReminders,
    windowsEscalated: report.tracking.escalated,
    checkinsOpened: report.checkins,
  };
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        chunks.length = 0;
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function answer(
  res: ServerResponse,
  status: number,
  body: object,
  headers: Record<string, string> = {},
): true {
  res
    .writeHead(status, { "content-type": "application/json", ...headers })
    .end(JSON.stringify(body));
  return true;
}
