// Prometheus metrics at GET /metrics (prom-client): deliveries received, jobs run, queue depth,
// the write budget, GitHub's rate-limit headroom and errors by kind, plus Node's process metrics.
import type { IncomingMessage, ServerResponse } from "node:http";
import { Counter, collectDefaultMetrics, Gauge, Registry } from "prom-client";
import type { JobQueue } from "./queue/port.ts";

export type DeliveryOutcome =
  | "queued"
  | "duplicate"
  | "ignored"
  | "bad_signature"
  | "too_large"
  | "bad_request"
  | "queue_unavailable";

export class AppMetrics {
  readonly registry = new Registry();
  readonly deliveries = new Counter({
    name: "upkeep_webhook_deliveries_total",
    help: "Webhook deliveries received, by event and outcome",
    labelNames: ["event", "outcome"] as const,
    registers: [this.registry],
  });
  readonly jobs = new Counter({
    name: "upkeep_jobs_total",
    help: "Deliveries run by workers, by outcome (done, retry_later, failed, dropped)",
    labelNames: ["outcome"] as const,
    registers: [this.registry],
  });
  readonly errors = new Counter({
    name: "upkeep_errors_total",
    help: "Errors by kind (rate_limit, github_5xx, github_4xx, handler, queue)",
    labelNames: ["kind"] as const,
    registers: [this.registry],
  });
  readonly writes = new Counter({
    name: "upkeep_write_budget_granted_total",
    help: "GitHub writes let through by the per-installation write budget",
    labelNames: ["installation"] as const,
    registers: [this.registry],
  });
  readonly budgetWaits = new Counter({
    name: "upkeep_write_budget_exhausted_total",
    help: "Writes that found the installation's budget empty and waited or delayed their job",
    labelNames: ["installation"] as const,
    registers: [this.registry],
  });
  readonly rateLimitRemaining = new Gauge({
    name: "upkeep_github_rate_limit_remaining",
    help: "x-ratelimit-remaining of GitHub's latest answer, per installation",
    labelNames: ["installation"] as const,
    registers: [this.registry],
  });

  constructor(queue?: JobQueue) {
    collectDefaultMetrics({ register: this.registry });
    if (!queue) return;
    new Gauge({
      name: "upkeep_queue_depth",
      help: "Jobs in the queue by state (waiting, active, delayed, timers)",
      labelNames: ["state"] as const,
      registers: [this.registry],
      async collect() {
        const depth = await queue.depth();
        for (const [state, count] of Object.entries(depth)) this.set({ state }, count);
      },
    });
  }

  /** GET /metrics in Prometheus' text format. */
  handler(): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
    return async (req, res) => {
      if (req.method !== "GET" || req.url?.split("?")[0] !== "/metrics") return false;
      const body = await this.registry.metrics();
      res.writeHead(200, { "content-type": this.registry.contentType }).end(body);
      return true;
    };
  }
}
