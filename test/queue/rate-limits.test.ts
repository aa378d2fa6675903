// How GitHub's "slow down" answers become a time to delay the job until.
import { describe, expect, it } from "vitest";
import { RetryLater } from "../../app/queue/port.ts";
import { rateLimitedUntil, retryLaterFrom } from "../../app/worker.ts";

const NOW = Date.parse("2026-12-04T12:00:00Z");
const answer = (status: number, headers: Record<string, string>, message = "") =>
  Object.assign(new Error(message), { status, response: { headers } });

describe("rate-limited answers", () => {
  it.each([
    ["403 secondary with retry-after", answer(403, { "retry-after": "30" }), NOW + 30_000],
    ["429 with retry-after", answer(429, { "retry-after": "2" }), NOW + 2_000],
    [
      "403 primary: remaining 0 until reset",
      answer(403, { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(NOW / 1000 + 600) }),
      NOW + 600_000,
    ],
    [
      "403 secondary without a hint: a minute, as GitHub advises",
      answer(403, {}, "You have exceeded a secondary rate limit"),
      NOW + 60_000,
    ],
  ])("%s", (_name, error, until) => {
    expect(rateLimitedUntil(error, NOW)).toBe(until);
  });

  it.each([
    [
      "403 missing permission",
      answer(403, { "x-ratelimit-remaining": "4999" }, "Resource not accessible"),
    ],
    ["500", answer(500, { "retry-after": "5" })],
    ["a plain bug", new TypeError("x is undefined")],
  ])("%s is not a rate limit", (_name, error) => {
    expect(rateLimitedUntil(error, NOW)).toBeUndefined();
  });

  it("finds the latest limit inside Probot's AggregateError, and keeps a RetryLater as it is", () => {
    const inner = new AggregateError([
      new TypeError("unrelated"),
      answer(403, { "retry-after": "1" }),
      new RetryLater(Date.now() + 3_600_000, "write budget"),
    ]);
    const later = retryLaterFrom(new AggregateError([inner]));
    expect(later?.reason).toBe("write budget");
    expect(retryLaterFrom(new AggregateError([new Error("boom")]))).toBeUndefined();
  });
});
