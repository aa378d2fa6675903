// UPKEEP_SWEEP_INTERVAL: a duration (default 15m), "off", or a start-up error naming the variable.
import { describe, expect, it } from "vitest";
import { sweepIntervalMs } from "../../app/sweep.ts";

describe("UPKEEP_SWEEP_INTERVAL", () => {
  it.each([
    [undefined, 15 * 60_000],
    ["15m", 15 * 60_000],
    ["1h", 3_600_000],
    [" 2m ", 120_000],
    ["off", undefined],
    ["0", undefined],
  ])("%s sweeps every %s ms", (value, expected) => {
    expect(sweepIntervalMs(value === undefined ? {} : { UPKEEP_SWEEP_INTERVAL: value })).toBe(
      expected,
    );
  });

  it.each(["soon", "30s", "-5m", "15"])("%s is refused with the variable's name", (value) => {
    expect(() => sweepIntervalMs({ UPKEEP_SWEEP_INTERVAL: value })).toThrow(
      /UPKEEP_SWEEP_INTERVAL must be a duration of at least 1m/,
    );
  });
});
