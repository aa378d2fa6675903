// POST /api/github/webhooks: takes a delivery off the wire and onto the queue, nothing more, so
// GitHub gets its answer in milliseconds. The body is read as a stream and refused with 413 once
// it passes the limit (GitHub sends at most 25 MB); the signature is checked before any parsing;
// a redelivered id is acknowledged and dropped. Bodies are hostile text: they are never logged.
import { createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AppMetrics, DeliveryOutcome } from "./metrics.ts";
import { jobKey } from "./queue/job-key.ts";
import type { DeliveryLog, JobQueue, QueuedEvent } from "./queue/port.ts";

/** GitHub caps webhook payloads at 25 MB and does not deliver bigger ones. */
export const GITHUB_MAX_PAYLOAD_BYTES = 25 * 1024 * 1024;

export interface ReceiverLog {
  debug(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface ReceiverOptions {
  secret: string;
  queue: JobQueue;
  deliveries: DeliveryLog;
  /** Event names some handler listens to; others are acknowledged and not queued. */
  events: ReadonlySet<string>;
  metrics: AppMetrics;
  log: ReceiverLog;
  maxBytes?: number;
}

type Body = { ok: true; bytes: number; text: Buffer; signature: string } | { ok: false };

export function webhookReceiver(options: ReceiverOptions) {
  const maxBytes = options.maxBytes ?? GITHUB_MAX_PAYLOAD_BYTES;
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const event = header(req, "x-github-event");
    const delivery = header(req, "x-github-delivery");
    const answer = (status: number, outcome: DeliveryOutcome, message: string) => {
      options.metrics.deliveries.inc({ event: event ?? "unknown", outcome });
      if (!res.headersSent) {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify({ message }));
      }
    };
    if (!event || !delivery)
      return answer(400, "bad_request", "x-github-event and x-github-delivery are required");
    const body = await readSigned(req, res, options.secret, maxBytes);
    if (!body.ok) {
      options.log.warn({ delivery, event, limit: maxBytes }, "webhook body over the size limit");
      return answer(413, "too_large", `payload over ${maxBytes} bytes`);
    }
    if (!verify(body.signature, header(req, "x-hub-signature-256"))) {
      options.log.warn({ delivery, event, bytes: body.bytes }, "webhook signature mismatch");
      return answer(401, "bad_signature", "signature does not match");
    }
    if (event === "ping") return answer(200, "ignored", "pong");
    let payload: unknown;
    try {
      payload = JSON.parse(body.text.toString("utf8"));
    } catch {
      options.log.warn({ delivery, event, bytes: body.bytes }, "signed webhook body is not JSON");
      return answer(400, "bad_request", "body is not JSON");
    }
    if (!options.events.has(event)) return answer(202, "ignored", "no handler for this event");
    await queueDelivery(options, { id: delivery, name: event, payload, raw: body.text }, answer);
  };
}

async function queueDelivery(
  options: ReceiverOptions,
  event: QueuedEvent,
  answer: (status: number, outcome: DeliveryOutcome, message: string) => void,
): Promise<void> {
  try {
    if (!(await options.deliveries.firstSeen(event.id)))
      return answer(200, "duplicate", "already received");
  } catch (error) {
    options.log.error({ delivery: event.id, err: error }, "delivery log unavailable");
    options.metrics.errors.inc({ kind: "queue" });
    return answer(503, "queue_unavailable", "try again later");
  }
  try {
    await options.queue.enqueue(jobKey(event.payload), event);
  } catch (error) {
    // Unqueued: forget the id so GitHub's redelivery of it is taken, and say it failed.
    await options.deliveries.forget(event.id).catch(() => {});
    options.log.error({ delivery: event.id, err: error }, "could not queue the delivery");
    options.metrics.errors.inc({ kind: "queue" });
    return answer(503, "queue_unavailable", "try again later");
  }
  answer(202, "queued", "queued");
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === "string" && value.length > 0 ? value : undefined;
}

/**
 * Reads the body while computing its HMAC, never holding more than `maxBytes`: a declared or
 * actual size over it answers 413 at once and closes the connection instead of reading on.
 */
function readSigned(
  req: IncomingMessage,
  res: ServerResponse,
  secret: string,
  maxBytes: number,
): Promise<Body> {
  return new Promise((resolve, reject) => {
    const refuse = () => {
      req.removeAllListeners("data");
      req.pause();
      res.setHeader("connection", "close");
      resolve({ ok: false });
      // Once the 413 is out, drop the connection: the rest of the body is never read.
      res.once("finish", () => req.socket.destroy());
    };
    if (Number(req.headers["content-length"] ?? 0) > maxBytes) return refuse();
    const hmac = createHmac("sha256", secret);
    const chunks: Buffer[] = [];
    let bytes = 0;
    req.on("data", (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > maxBytes) {
        chunks.length = 0;
        return refuse();
      }
      hmac.update(chunk);
      chunks.push(chunk);
    });
    req.once("end", () =>
      resolve({
        ok: true,
        bytes,
        text: Buffer.concat(chunks),
        signature: `sha256=${hmac.digest("hex")}`,
      }),
    );
    req.once("error", reject);
  });
}

function verify(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
