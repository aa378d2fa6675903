// The Octokit class the App runs with: Probot's, with retries that never give up on GitHub's
// transient answers (5xx, 429, secondary rate limits) and write pacing kept per installation.
// Probot's defaults give up on secondary rate limits and pace writes for the whole process.
import { ProbotOctokit } from "probot";
import { GITHUB_SPACING, throttleGroups } from "../github/throttle-groups.ts";

export interface PacingOptions {
  /** Minimum gap between writes of one installation (GitHub's advice, and the default: 1000). */
  writeMs?: number;
  /** Minimum gap between writes that notify people, e.g. comments (default 3000). */
  notifyMs?: number;
  /** Base of the backoff for 5xx answers (default 1000: waits 1s, 4s, 9s). */
  retryBaseMs?: number;
  /** Attempts after the first for one request hit by a rate limit (default 5). */
  maxRetries?: number;
}

interface LogLike {
  warn(message: string): void;
}

interface RequestOptions {
  method: string;
  url: string;
  request?: { retryCount?: number };
}

export function upkeepOctokit(pacing: PacingOptions = {}): typeof ProbotOctokit {
  const maxRetries = pacing.maxRetries ?? 5;
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
      return attempt < maxRetries;
    };
  return ProbotOctokit.defaults((options: Record<string, unknown>) => {
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
  }) as typeof ProbotOctokit;
}
