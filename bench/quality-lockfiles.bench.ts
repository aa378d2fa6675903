// `npm run bench -- quality`: Upkeep's package listing on the real-lockfile corpus
// (test/corpus/lockfiles/), per format: cases where every expected package is listed, and recall.
import { corpusCases, scoreCase } from "../test/deps/support/lockfile-corpus.ts";

const totals = { complete: 0, cases: 0, found: 0, expected: 0 };
const byFormat = new Map<string, typeof totals>();
for (const corpusCase of corpusCases()) {
  const score = await scoreCase(corpusCase);
  const line = byFormat.get(corpusCase.format) ?? { complete: 0, cases: 0, found: 0, expected: 0 };
  for (const tally of [line, totals]) {
    tally.cases++;
    if (score.missing.length === 0 && score.problems.length === 0) tally.complete++;
    tally.expected += corpusCase.expected.length;
    tally.found += corpusCase.expected.length - score.missing.length;
  }
  byFormat.set(corpusCase.format, line);
}
const describe = (tally: typeof totals) =>
  `${tally.complete}/${tally.cases} complete, recall ${tally.found}/${tally.expected} packages`;
for (const [format, tally] of byFormat)
  console.log(`quality lockfiles ${format}: ${describe(tally)}`);
const share = ((100 * totals.complete) / totals.cases).toFixed(1);
console.log(`quality lockfiles total: ${describe(totals)} (${share}% of cases complete)`);
