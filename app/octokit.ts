// The Octokit class the App runs with: Probot's, with retries that never give up on GitHub's
// transient answers (5xx, 429, secondary rate limits) and write pacing kept per installation.
// Probot's defaults give up on secondary rate limits and pace writes for the whole process.
import { ProbotOctokit } from "probot";
import { GITHUB_SPACING, throttleGroups } from "../github/throttle-groups.ts";
import type { AppMetrics } from "./metrics.ts";
import { RetryLater, type WriteBudget } from "./queue/port.ts";
import { rateLimitedUntil } from "./worker.ts";

export interface PacingOptions {
  /** Minimum gap between writes of one installation (GitHub's advice, and the default: 1000). */
  writeMs?: number;
  /** Minimum gap between writes that notify people, e.g. comments (default 3000). */
  notifyMs?: number;
  /** Base of the backoff for 5xx answers (default 1000: waits 1s, 4s, 9s). */
  retryBaseMs?: number;
  /** Attempts after the first for one request hit by a rate limit (default 5). */
  maxRetries?: number;
  /**
   * Longest rate-limit wait spent inside a request (default 10 s); a longer one fails the request
   * and the worker delays the whole job until GitHub's time instead of holding a slot.
   */
  maxInlineWaitMs?: number;
}

export interface WriteLimits {
  /** Per-installation write budget; none lets every write through (GitHub still has the last word). */
  budget?: WriteBudget;
  /**
   * A job held back by the budget resumes once about this many writes are regained (ms), not
   * one: a job that restarts to find room for a single write would spend it and stop again.
   */
  resumeAfterMs?: number;
  metrics?: AppMetrics;
}

interface LogLike {
  warn(message: string): void;
}

interface RequestOptions {
  method: string;
  url: string;
  request?: { retryCount?: number };
}

export function upkeepOctokit(
  pacing: PacingOptions = {},
  limits: WriteLimits = {},
): typeof ProbotOctokit {
  const maxRetries = pacing.maxRetries ?? 5;
  const maxInlineWaitMs = pacing.maxInlineWaitMs ?? 10_000;
  // One set of limiters per App process; the id below gives each installation its own pace.
  const groups = throttleGroups({
    writeMs: pacing.writeMs ?? GITHUB_SPACING.writeMs,
    searchMs: GITHUB_SPACING.searchMs,
    notifyMs: pacing.notifyMs ?? GITHUB_SPACING.notifyMs,
  });
  const retryLimited =
    (kind: string) => (after: number, options: RequestOptions, octokit: { log: LogLike }) => {
      const attempt = options.request?.retryCount ?? 0;
      octokit.log.warn(
        `${kind} on ${options.method} ${options.url}; retry ${attempt + 1} in ${after}s`,
      );
      return attempt < maxRetries && after * 1000 <= maxInlineWaitMs;
    };
  return ProbotOctokit.plugin(writeLimitsPlugin(limits, maxInlineWaitMs)).defaults(
    (options: Record<string, unknown>) => {
      const auth = options.auth as { installationId?: number } | undefined;
      return {
        ...options,
        retry: { ...(options.retry as object), retryAfterBaseValue: pacing.retryBaseMs ?? 1000 },
        throttle: {
          ...(options.throttle as object),
          id: `installation-${auth?.installationId ?? "app"}`,
          ...groups,
          onRateLimit: retryLimited("rate limit"),
          onSecondaryRateLimit: retryLimited("secondary rate limit"),
        },
      };
    },
  ) as typeof ProbotOctokit;
}

const WRITES = new Set(["POST", "PATCH", "PUT", "DELETE"]);

interface HookedOctokit {
  hook: {
    wrap(
      name: "request",
      wrapper: (
        request: (options: RequestOptions) => Promise<unknown>,
        options: RequestOptions,
      ) => Promise<unknown>,
    ): void;
  };
}

/**
 * Every write takes a token from its installation's budget first: a short wait is spent here, a
 * long one becomes RetryLater (the job is delayed, never dropped). GitHub's rate-limit answers
 * block the installation's budget until GitHub's time, so every worker holds back, not just this one.
 */
function writeLimitsPlugin(limits: WriteLimits, maxInlineWaitMs: number) {
  return (octokit: unknown, options: { auth?: unknown }) => {
    const installation = String(
      (options.auth as { installationId?: number } | undefined)?.installationId ?? "app",
    );
    const { budget, metrics } = limits;
    (octokit as HookedOctokit).hook.wrap("request", async (request, options) => {
      if (budget && WRITES.has(options.method.toUpperCase())) {
        await takeWrite(budget, installation, { maxInlineWaitMs, ...limits });
      }
      try {
        const response = (await request(options)) as { headers?: Record<string, unknown> };
        observeRateLimit(response?.headers, installation, metrics);
        return response;
      } catch (error) {
        observeRateLimit(
          (error as { response?: { headers?: Record<string, unknown> } }).response?.headers,
          installation,
          metrics,
        );
        const until = rateLimitedUntil(error);
        if (until !== undefined && budget) await budget.block(installation, until);
        throw error;
      }
    });
  };
}

async function takeWrite(
  budget: WriteBudget,
  installation: string,
  limits: WriteLimits & { maxInlineWaitMs: number },
): Promise<void> {
  for (;;) {
    const waitMs = await budget.take(installation);
    if (waitMs === 0) {
      limits.metrics?.writes.inc({ installation });
      return;
    }
    limits.metrics?.budgetWaits.inc({ installation });
    if (waitMs > limits.maxInlineWaitMs) {
      // Spread the held-back jobs of one installation so they do not all wake at once.
      const resume = Math.max(waitMs, limits.resumeAfterMs ?? 0) * (1 + Math.random() * 0.2);
      throw new RetryLater(
        Date.now() + Math.ceil(resume),
        `write budget of installation ${installation} spent`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, waitMs));
  }
}

function observeRateLimit(
  headers: Record<string, unknown> | undefined,
  installation: string,
  metrics: AppMetrics | undefined,
): void {
  const remaining = Number(headers?.["x-ratelimit-remaining"]);
  if (metrics && Number.isFinite(remaining))
    metrics.rateLimitRemaining.set({ installation }, remaining);
}
