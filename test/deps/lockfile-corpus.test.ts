// Real lockfiles from package managers' own repositories and test fixtures and from public projects
// (test/corpus/lockfiles/, provenance in each case's source.json), with expected package sets that
// derive_expected.py took from the lockfiles themselves. Upkeep must list every expected package:
// the floors below are per format, as the recall of expected name@version pairs.
import { describe, expect, it } from "vitest";
import { type CaseScore, corpusCases, scoreCase } from "./support/lockfile-corpus.ts";

const RECALL_FLOOR: Record<string, number> = {
  "npm-v1": 1,
  "npm-v2": 1,
  "npm-v3": 1,
  "pnpm-v6": 1,
  "pnpm-v9": 1,
  "yarn-classic": 1,
  "yarn-berry": 1,
  poetry: 1,
  uv: 1,
  pipenv: 1,
  requirements: 1,
  cargo: 1,
  go: 1,
  gemfile: 1,
  composer: 1,
};

const cases = corpusCases();
const formats = [...new Set(cases.map((corpusCase) => corpusCase.format))];

describe("the real-lockfile corpus", () => {
  it("covers every format with a floor, each with cases that expect packages", () => {
    expect(formats.sort()).toEqual(Object.keys(RECALL_FLOOR).sort());
    for (const format of formats) {
      const expected = cases.filter((corpusCase) => corpusCase.format === format);
      expect(
        expected.reduce((sum, corpusCase) => sum + corpusCase.expected.length, 0),
      ).toBeGreaterThan(0);
    }
  });

  it.each(formats)(
    "lists at least the floor's share of the expected %s packages",
    async (format) => {
      const scores: CaseScore[] = [];
      for (const corpusCase of cases.filter((each) => each.format === format))
        scores.push(await scoreCase(corpusCase));
      const expected = scores.reduce((sum, score) => sum + score.corpusCase.expected.length, 0);
      const missing = scores.flatMap((score) =>
        score.missing.map((entry) => `${score.corpusCase.name}: ${entry}`),
      );
      const recall = (expected - missing.length) / expected;
      expect(recall, `missing:\n${missing.slice(0, 20).join("\n")}`).toBeGreaterThanOrEqual(
        RECALL_FLOOR[format]!,
      );
      // Real lockfiles from the package managers themselves parse without a problem.
      expect(scores.flatMap((score) => score.problems)).toEqual([]);
    },
  );
});
