// Builds an Octokit from a token for the CLI and actions, with GitHub's retry and throttling advice built in.
import { Octokit } from "@octokit/core";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { spacingFromEnv, type ThrottleSpacing, throttleGroups } from "./throttle-groups.ts";

export const ResilientOctokit = Octokit.plugin(retry, throttling);

export interface ClientOptions {
  token: string;
  baseUrl?: string;
  /** Retries for one request hit by 429 / secondary limits; tests lower the wait, not the count. */
  maxRetries?: number;
  userAgent?: string;
  /** Shorter write/search spacing for a local sandbox; GitHub itself gets GitHub's advice. */
  spacing?: ThrottleSpacing;
  log?: (message: string) => void;
}

export function createClient(options: ClientOptions): InstanceType<typeof ResilientOctokit> {
  const maxRetries = options.maxRetries ?? 5;
  const log = options.log ?? (() => {});
  return new ResilientOctokit({
    auth: options.token,
    baseUrl: options.baseUrl ?? "https://api.github.com",
    userAgent: options.userAgent ?? "upkeep",
    retry: { retries: maxRetries },
    throttle: {
      ...throttleGroups(options.spacing ?? spacingFromEnv(process.env)),
      onRateLimit: (retryAfter, request, _octokit, retryCount) => {
        log(`rate limited on ${request.method} ${request.url}; retrying in ${retryAfter}s`);
        return retryCount < maxRetries;
      },
      onSecondaryRateLimit: (retryAfter, request, _octokit, retryCount) => {
        log(`secondary rate limit on ${request.method} ${request.url}; retrying in ${retryAfter}s`);
        return retryCount < maxRetries;
      },
    },
  });
}
