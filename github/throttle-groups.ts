// Octokit's throttling plugin spaces writes 1 s and searches 2 s apart, as GitHub advises for
// content creation. The spacing is right for GitHub and needless against the local sandbox, so
// faces may shorten it (tests, the demo, benchmarks) while keeping the plugin's 429/403 handling.
import Bottleneck from "bottleneck";

export interface ThrottleSpacing {
  /** Minimum time between two writes, per client id (GitHub's advice: 1000 ms). */
  writeMs: number;
  /** Minimum time between two searches (GitHub's advice: 2000 ms). */
  searchMs: number;
  /** Minimum time between two writes that notify people, e.g. comments (default 3000 ms). */
  notifyMs?: number;
}

export const GITHUB_SPACING = { writeMs: 1_000, searchMs: 2_000, notifyMs: 3_000 } as const;

/** Limiter groups for the plugin's `throttle` option; undefined keeps the plugin's own. */
export function throttleGroups(spacing: ThrottleSpacing | undefined) {
  const notifyMs = spacing?.notifyMs ?? GITHUB_SPACING.notifyMs;
  if (
    !spacing ||
    (spacing.writeMs === GITHUB_SPACING.writeMs &&
      spacing.searchMs === GITHUB_SPACING.searchMs &&
      notifyMs === GITHUB_SPACING.notifyMs)
  ) {
    return {};
  }
  const group = (id: string, minTime: number) =>
    new Bottleneck.Group({ id, maxConcurrent: 1, minTime });
  return {
    write: group("upkeep-write", spacing.writeMs),
    search: group("upkeep-search", spacing.searchMs),
    notifications: group("upkeep-notifications", notifyMs),
  };
}

/**
 * `UPKEEP_WRITE_SPACING_MS` / `UPKEEP_SEARCH_SPACING_MS` shorten the spacing, for a local sandbox or
 * a GitHub Enterprise server with its own limits; without them GitHub's advice applies.
 */
export function spacingFromEnv(env: NodeJS.ProcessEnv): ThrottleSpacing | undefined {
  const write = env.UPKEEP_WRITE_SPACING_MS;
  const search = env.UPKEEP_SEARCH_SPACING_MS;
  if (write === undefined && search === undefined) return undefined;
  const read = (text: string | undefined, fallback: number) => {
    const value = Number(text);
    return text !== undefined && Number.isFinite(value) && value >= 0 ? value : fallback;
  };
  return {
    writeMs: read(write, GITHUB_SPACING.writeMs),
    searchMs: read(search, GITHUB_SPACING.searchMs),
  };
}
