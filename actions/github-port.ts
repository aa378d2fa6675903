// The GitHub port inside an action: @actions/github's Octokit with retry and throttling.
import { context, getOctokit } from "@actions/github";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { OctokitGitHub, type OctokitLike } from "../github/octokit-port.ts";
import type { RepoRef } from "../github/port.ts";
import { spacingFromEnv, throttleGroups } from "../github/throttle-groups.ts";

export function actionGitHub(token: string, repo: RepoRef = context.repo): OctokitGitHub {
  const maxRetries = 5;
  const octokit = getOctokit(
    token,
    {
      // GITHUB_API_URL is read by @actions/github itself; retries follow GitHub's advice.
      retry: { retries: maxRetries },
      throttle: {
        ...throttleGroups(spacingFromEnv(process.env)),
        onRateLimit: (_after: number, _options: unknown, _octokit: unknown, retryCount: number) =>
          retryCount < maxRetries,
        onSecondaryRateLimit: (
          _after: number,
          _options: unknown,
          _octokit: unknown,
          retryCount: number,
        ) => retryCount < maxRetries,
      },
    },
    retry as never,
    throttling as never,
  );
  return new OctokitGitHub(octokit as unknown as OctokitLike, repo);
}
