// The triage corpus is data with provenance: every expected severity must follow from the
// maintainers' labels through the project's declared mapping, and every record must name its
// source and licence. The quality itself is printed by `npm run bench -- quality`.
import { describe, expect, it } from "vitest";
import { parseConfigText } from "../../core/config/parse.ts";
import {
  decideAsOpened,
  loadProjects,
  loadSplit,
  qualityLine,
  SPLITS,
  scoreTriage,
} from "../support/triage-corpus.ts";

const projects = loadProjects();
const issues = SPLITS.flatMap((split) => loadSplit(split));

describe("the triage corpus", () => {
  it("holds at least 300 issues from at least 10 projects, each URL once", () => {
    expect(issues.length).toBeGreaterThanOrEqual(300);
    expect(new Set(issues.map((issue) => issue.project)).size).toBeGreaterThanOrEqual(10);
    expect(new Set(issues.map((issue) => issue.url)).size).toBe(issues.length);
  });

  it("derives every expected severity from the maintainers' labels by the project's mapping", () => {
    for (const issue of issues) {
      const mapping = projects[issue.project]?.mapping;
      expect(mapping, issue.project).toBeDefined();
      const mapped = new Set(
        (["critical", "major", "minor"] as const).filter((severity) =>
          issue.labels.some((label) => mapping?.[severity].includes(label)),
        ),
      );
      expect([...mapped], issue.url).toEqual([issue.expected]);
      expect(issue.licence).toBe(projects[issue.project]?.licence);
    }
  });
});

describe("the default config on the corpus", () => {
  const result = parseConfigText("");
  if (!result.ok) throw new Error("default config");
  const score = scoreTriage(loadSplit("dev"), decideAsOpened(result.config.triage));

  it("never calls more than 2% of the dev half critical when it is minor, or the reverse", () => {
    expect(score.criticalMinor / score.n, qualityLine("dev", score)).toBeLessThanOrEqual(0.02);
  });

  it("leaves at most 20% of the dev half without a severity", () => {
    expect(score.undecided / score.n, qualityLine("dev", score)).toBeLessThanOrEqual(0.2);
  });
});
