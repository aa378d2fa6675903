import { describe, expect, it } from "vitest";
import { validateSarif } from "../../test/support/sarif-validate.ts";
import { buildLog, problemNotification, sarifLocation } from "./build.ts";
import { fingerprintOf, fingerprintsIn } from "./fingerprint.ts";
import { levelForScore, securitySeverityProperty } from "./severity.ts";

const rule = {
  id: "GHSA-xxxx-yyyy-zzzz",
  shortDescription: { text: "Prototype pollution in example" },
  properties: { "security-severity": "7.5", tags: ["security"] },
};

describe("SARIF builder", () => {
  it("builds a log that the official 2.1.0 schema accepts", () => {
    const log = buildLog([
      {
        tool: { name: "upkeep", version: "0.1.0", informationUri: "https://example.com/upkeep" },
        rules: [rule],
        results: [
          {
            ruleId: rule.id,
            level: "error",
            message: { text: "example 1.0.0 is vulnerable" },
            locations: [sarifLocation({ file: "packages/a b/package-lock.json", line: 12 })],
            partialFingerprints: { "upkeep/v1": fingerprintOf(["x"]) },
          },
        ],
        category: "upkeep/deps/",
        notifications: [problemNotification("bad record", { file: "db/X.json" })],
      },
    ]);
    expect(validateSarif(log)).toEqual([]);
    const run = log.runs[0]!;
    expect(run.results[0]?.ruleIndex).toBe(0);
    expect(run.results[0]?.locations[0]?.physicalLocation.artifactLocation.uri).toBe(
      "packages/a%20b/package-lock.json",
    );
    expect(run.invocations?.[0]?.executionSuccessful).toBe(false);
  });

  it("the validator rejects a result without a message and a made-up level", () => {
    const problems = validateSarif({
      version: "2.1.0",
      runs: [{ tool: { driver: { name: "x" } }, results: [{ ruleId: "a", level: "fatal" }] }],
    });
    expect(problems.some((line) => line.includes("message"))).toBe(true);
    expect(problems.some((line) => line.includes("/runs/0/results/0/level"))).toBe(true);
  });

  it("refuses a result that names a rule the run does not define", () => {
    expect(() =>
      buildLog([
        {
          tool: { name: "t" },
          rules: [],
          results: [{ ruleId: "nope", level: "note", message: { text: "m" }, locations: [] }],
        },
      ]),
    ).toThrow(/unknown rule nope/);
  });

  it("fingerprints depend on every part and on where parts split", () => {
    expect(fingerprintOf(["a", "bc"])).not.toBe(fingerprintOf(["ab", "c"]));
    expect(fingerprintOf(["a", "b"])).toBe(fingerprintOf(["a", "b"]));
    const log = buildLog([
      {
        tool: { name: "t" },
        rules: [rule],
        results: [
          {
            ruleId: rule.id,
            level: "note",
            message: { text: "m" },
            locations: [],
            partialFingerprints: { k: "one" },
          },
        ],
      },
    ]);
    expect([...fingerprintsIn(log, "k")]).toEqual(["one"]);
  });

  it("maps scores to levels and GitHub's security-severity strings", () => {
    expect([9.8, 7, 6.9, 4, 3.9, undefined].map(levelForScore)).toEqual([
      "error",
      "error",
      "warning",
      "warning",
      "note",
      "warning",
    ]);
    expect(securitySeverityProperty(9.75)).toBe("9.8");
    expect(securitySeverityProperty(12)).toBe("10.0");
  });
});
