// Counts requests per token for GitHub's x-ratelimit-* headers. Limits are never enforced here;
// the fault injector is how tests exercise rate limiting. Windows use the wall clock, as Octokit does.

interface Window {
  used: number;
  reset: number;
}

export class RateLimits {
  private readonly windows = new Map<string, Window>();

  headers(token: string, path: string): Record<string, string> {
    const resource = path.startsWith("/search/") ? "search" : "core";
    const limit = resource === "search" ? 30 : token === "anonymous" ? 60 : 5000;
    const key = `${token} ${resource}`;
    const nowSeconds = Math.floor(Date.now() / 1000);
    let window = this.windows.get(key);
    if (!window || window.reset <= nowSeconds) {
      window = { used: 0, reset: nowSeconds + (resource === "search" ? 60 : 3600) };
      this.windows.set(key, window);
    }
    window.used = Math.min(window.used + 1, limit - 1);
    return {
      "x-ratelimit-limit": String(limit),
      "x-ratelimit-remaining": String(limit - window.used),
      "x-ratelimit-used": String(window.used),
      "x-ratelimit-reset": String(window.reset),
      "x-ratelimit-resource": resource,
    };
  }
}
