// Runs queued deliveries through the App's handlers (Probot's `receive`, with the installation's
// authenticated octokit) and turns GitHub's "slow down" into a delayed job instead of a failure.
import type { Probot } from "probot";
import type { AppMetrics } from "./metrics.ts";
import { type EventRunner, RetryLater } from "./queue/port.ts";

interface HttpErrorLike {
  status?: number;
  response?: { headers?: Record<string, string | number | undefined> };
}

/** The time GitHub asked us to wait until, when `error` is a primary or secondary rate limit. */
export function rateLimitedUntil(error: unknown, now = Date.now()): number | undefined {
  const { status, response } = (error ?? {}) as HttpErrorLike;
  if (status !== 403 && status !== 429) return undefined;
  const headers = response?.headers ?? {};
  const retryAfter = Number(headers["retry-after"]);
  if (Number.isFinite(retryAfter) && retryAfter > 0) return now + retryAfter * 1000;
  const reset = Number(headers["x-ratelimit-reset"]);
  if (String(headers["x-ratelimit-remaining"]) === "0" && Number.isFinite(reset))
    return Math.max(now, reset * 1000);
  // A secondary limit without a hint: GitHub advises waiting at least a minute.
  if (status === 429 || /secondary rate limit/i.test(String((error as Error).message)))
    return now + 60_000;
  return undefined;
}

/** Every error inside `error` (Probot reports handler failures as one AggregateError). */
function leaves(error: unknown): unknown[] {
  if (error instanceof AggregateError) return error.errors.flatMap(leaves);
  return [error];
}

export function retryLaterFrom(error: unknown): RetryLater | undefined {
  let latest: RetryLater | undefined;
  for (const leaf of leaves(error)) {
    const candidate =
      leaf instanceof RetryLater
        ? leaf
        : (() => {
            const until = rateLimitedUntil(leaf);
            return until === undefined ? undefined : new RetryLater(until, String(leaf));
          })();
    if (candidate && (!latest || candidate.at > latest.at)) latest = candidate;
  }
  return latest;
}

function errorKind(error: unknown): string {
  const status = leaves(error)
    .map((leaf) => (leaf as HttpErrorLike).status)
    .find((value) => typeof value === "number");
  if (status === undefined) return "handler";
  return status >= 500 ? "github_5xx" : "github_4xx";
}

export function eventRunner(probot: Probot, metrics: AppMetrics): EventRunner {
  return async (event) => {
    try {
      await probot.receive({
        id: event.id,
        name: event.name,
        payload: event.payload,
      } as Parameters<Probot["receive"]>[0]);
      metrics.jobs.inc({ outcome: "done" });
    } catch (error) {
      const later = retryLaterFrom(error);
      if (later) {
        metrics.jobs.inc({ outcome: "retry_later" });
        metrics.errors.inc({ kind: "rate_limit" });
        throw later;
      }
      metrics.jobs.inc({ outcome: "failed" });
      metrics.errors.inc({ kind: errorKind(error) });
      throw error;
    }
  };
}
