// Deterministic fault injection: a seeded share of API requests fails the way GitHub sometimes does.
// Retry waits stay short (retry-after: 1) so tests of retrying clients finish quickly.
// "lost" is the fault that tests idempotence: a write is applied, then its answer is a 502 (a proxy
// that forwarded the request and lost the response), so a client cannot tell whether it happened.
import type { RouteResult } from "./http/route.ts";

export type FaultKind = "500" | "502" | "429" | "secondary" | "lost";

export interface FaultOptions {
  /** Share of API requests to fail, 0..1; 0 turns faults off. */
  rate: number;
  kinds?: FaultKind[];
  seed?: number;
}

/** The default mix; "lost" only when asked for, since it changes state. */
const ALL_KINDS: FaultKind[] = ["500", "502", "429", "secondary"];
const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** What to do with an unlucky request: answer instead of serving it, or serve it and lose the answer. */
export type Fault =
  | { when: "instead"; result: RouteResult }
  | { when: "after"; result: RouteResult };

/** mulberry32: small, fast, and the same sequence for the same seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * GitHub's content limit as the sandbox plays it: after `writes` writes (POST, PATCH, PUT, DELETE
 * outside /app/) in a window of `windowMs`, every write until the window ends is refused with
 * 403 "secondary rate limit" and a retry-after that says when it ends.
 */
export interface WriteLimit {
  writes: number;
  windowMs: number;
}

export class FaultInjector {
  private rate = 0;
  private writeLimit?: WriteLimit;
  private window = { start: 0, writes: 0 };
  private kinds: FaultKind[] = ALL_KINDS;
  private random: () => number = seededRandom(1);

  configure(options: FaultOptions): void {
    if (!(options.rate >= 0 && options.rate <= 1))
      throw new Error(`faults.rate must be between 0 and 1, got ${options.rate}`);
    this.rate = options.rate;
    this.kinds = options.kinds && options.kinds.length > 0 ? options.kinds : ALL_KINDS;
    this.random = seededRandom(options.seed ?? 1);
  }

  limitWrites(limit: WriteLimit | undefined): void {
    this.writeLimit = limit;
    this.window = { start: Date.now(), writes: 0 };
  }

  /** The fault for this request, if it is unlucky; a lost answer only happens to writes. */
  next(method = "GET", path = "/"): Fault | undefined {
    const limited = this.overWriteLimit(method, path);
    if (limited) return { when: "instead", result: limited };
    if (this.rate === 0 || this.random() >= this.rate) return undefined;
    const kind = this.kinds[Math.floor(this.random() * this.kinds.length)] ?? "500";
    if (kind === "lost")
      return WRITES.has(method) ? { when: "after", result: faultResponse("502") } : undefined;
    return { when: "instead", result: faultResponse(kind) };
  }

  private overWriteLimit(method: string, path: string): RouteResult | undefined {
    const limit = this.writeLimit;
    if (!limit || method === "GET" || method === "HEAD" || path.startsWith("/app/")) return;
    const now = Date.now();
    if (now - this.window.start >= limit.windowMs) this.window = { start: now, writes: 0 };
    if (this.window.writes < limit.writes) {
      this.window.writes++;
      return undefined;
    }
    const left = Math.ceil((this.window.start + limit.windowMs - now) / 1000);
    return faultResponse("secondary", Math.max(1, left));
  }
}

export function faultResponse(kind: FaultKind, retryAfterSeconds = 1): RouteResult {
  switch (kind) {
    case "500":
      return { status: 500, body: { message: "Server Error" } };
    case "502":
    case "lost":
      return { status: 502, body: { message: "Server Error" } };
    case "429": {
      const reset = String(Math.floor(Date.now() / 1000) + 1);
      return {
        status: 429,
        body: {
          message: "API rate limit exceeded for installation.",
          documentation_url: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api",
        },
        headers: { "retry-after": "1", "x-ratelimit-remaining": "0", "x-ratelimit-reset": reset },
      };
    }
    case "secondary":
      return {
        status: 403,
        body: {
          message:
            "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
          documentation_url:
            "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits",
        },
        // Octokit's throttling plugin reads this; "0" would make it fall back to a 60 s wait.
        headers: { "retry-after": String(retryAfterSeconds) },
      };
  }
}
