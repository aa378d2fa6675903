import { describe, expect, it } from "vitest";
import { formatDuration, parseDuration } from "./duration.ts";

describe("durations", () => {
  it.each([
    ["30m", 30 * 60_000],
    ["4h", 4 * 3_600_000],
    ["3d", 3 * 86_400_000],
    ["2w", 14 * 86_400_000],
    ["1d12h", 36 * 3_600_000],
    ["0m", 0],
    ["45s", 45_000],
  ])("%s is %d ms", (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(["4 hours", "4H", "h", "", "-1h", "1.5h", "4h x", "1y"])(
    "%j is not a duration",
    (text) => {
      expect(parseDuration(text)).toBeUndefined();
    },
  );

  it.each([
    [0, "0m"],
    [90 * 60_000, "1h 30m"],
    [26 * 3_600_000, "1d 2h"],
    [-45 * 60_000, "-45m"],
  ])("%d ms reads as %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
