import { describe, expect, it } from "vitest";
import {
  advisorySeverity,
  levelForScore,
  scoreVector,
  worseSeverity,
} from "../../core/deps/severity.ts";

describe("finding severity", () => {
  it("computes base scores from CVSS v4.0, v3.1, v3.0 and v2 vectors", () => {
    expect(scoreVector("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N")).toBe(
      9.3,
    );
    expect(scoreVector("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")).toBe(9.8);
    expect(scoreVector("CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:U/C:N/I:N/A:H")).toBe(6.5);
    expect(scoreVector("AV:N/AC:L/Au:N/C:P/I:P/A:P")).toBe(7.5);
    expect(scoreVector("CVSS:3.1/AV:X/garbage")).toBeUndefined();
  });

  it("prefers a v4.0 vector, then v3, and says where the severity came from", () => {
    const both = advisorySeverity({
      severity: [
        { type: "CVSS_V3", score: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N" },
        {
          type: "CVSS_V4",
          score: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
        },
      ],
    });
    expect(both).toMatchObject({ level: "critical", score: 9.3, from: "CVSS_V4" });
  });

  it("falls back to the database's label (GitHub's MODERATE is medium), then unknown", () => {
    const broken = { type: "CVSS_V3", score: "not a vector" };
    expect(advisorySeverity({ severity: [broken], databaseSeverity: "MODERATE" })).toEqual({
      level: "medium",
      from: "database",
    });
    expect(advisorySeverity({ severity: [] })).toEqual({ level: "unknown", from: "none" });
  });

  it("uses the CVSS bands, and the worse of two severities wins", () => {
    expect([9.0, 8.9, 7.0, 6.9, 4.0, 3.9, 0].map(levelForScore)).toEqual([
      "critical",
      "high",
      "high",
      "medium",
      "medium",
      "low",
      "low",
    ]);
    const high = { level: "high" as const, score: 7.1, from: "CVSS_V3" as const };
    const higher = { level: "high" as const, score: 8.2, from: "CVSS_V3" as const };
    expect(worseSeverity(high, higher)).toBe(higher);
    expect(worseSeverity({ level: "unknown", from: "none" }, high)).toBe(high);
  });
});
