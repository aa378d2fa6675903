// Precision and recall of the built-in rule pack on the labelled corpus. The table is printed so
// the numbers can be quoted; the floors fail the build when a rule change makes things worse.
import { describe, expect, it } from "vitest";
import { builtinRules, type RuleScore, ratio, scoreCorpus } from "./corpus-score.ts";

// Measured 0.989 / 0.989 on 2026-11-25 over 45 rules (the misses are the documented limits in
// fixtures/corpus/javascript/limits); kept a little below so one deliberate
// trade-off does not block work, while a broken rule still does.
const PRECISION_FLOOR = 0.97;
const RECALL_FLOOR = 0.97;
const RULE_FLOOR = 0.75;

function table(scores: RuleScore[]): string {
  const rows = scores.map((score) => {
    const precision = ratio(score.truePositives, score.truePositives + score.falsePositives);
    const recall = ratio(score.truePositives, score.truePositives + score.falseNegatives);
    return `${score.ruleId.padEnd(34)} tp=${score.truePositives} fp=${score.falsePositives} fn=${score.falseNegatives}  precision=${precision.toFixed(2)} recall=${recall.toFixed(2)}`;
  });
  return rows.join("\n");
}

describe("the built-in rule pack on the labelled corpus", () => {
  const scores = scoreCorpus();
  const total = scores.reduce(
    (sum, score) => ({
      tp: sum.tp + score.truePositives,
      fp: sum.fp + score.falsePositives,
      fn: sum.fn + score.falseNegatives,
    }),
    { tp: 0, fp: 0, fn: 0 },
  );
  const precision = ratio(total.tp, total.tp + total.fp);
  const recall = ratio(total.tp, total.tp + total.fn);
  console.log(
    `${table(scores)}\nOVERALL tp=${total.tp} fp=${total.fp} fn=${total.fn} precision=${precision.toFixed(3)} recall=${recall.toFixed(3)}`,
  );

  it("keeps overall precision and recall above the floors", () => {
    expect(precision).toBeGreaterThanOrEqual(PRECISION_FLOOR);
    expect(recall).toBeGreaterThanOrEqual(RECALL_FLOOR);
  });

  it("keeps every rule useful on its own examples", () => {
    const weak = scores.filter(
      (score) =>
        ratio(score.truePositives, score.truePositives + score.falsePositives) < RULE_FLOOR ||
        ratio(score.truePositives, score.truePositives + score.falseNegatives) < RULE_FLOOR,
    );
    expect(
      weak.map((score) => ({ rule: score.ruleId, misses: score.misses, noise: score.noise })),
    ).toEqual([]);
  });

  it("has a vulnerable and a safe example for every built-in rule", () => {
    const uncovered = scores
      .filter(
        (score) =>
          score.vulnerableFiles === 0 || score.safeFiles === 0 || score.truePositives === 0,
      )
      .map((score) => score.ruleId);
    expect(uncovered).toEqual([]);
    expect(scores.length).toBe(builtinRules().length);
  });
});
