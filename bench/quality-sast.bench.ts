// SAST quality on real intentionally vulnerable applications (test/corpus/sast) and on the rule
// pack's own labelled corpus. Prints one line per corpus; `QUALITY_VERBOSE=1` lists what was
// missed and which fixed variants were flagged.
import { ratio, scoreCorpus } from "../test/sast/corpus-score.ts";
import { corpusNames, qualityLine, scoreQualityCorpus } from "../test/sast/quality-score.ts";

const verbose = process.env.QUALITY_VERBOSE === "1";
for (const corpus of corpusNames()) {
  const quality = await scoreQualityCorpus(corpus);
  console.log(qualityLine(quality));
  if (verbose) {
    for (const miss of quality.misses) console.log(`  missed ${miss}`);
    for (const noise of quality.noise) console.log(`  flagged fix ${noise}`);
  }
}

const scores = scoreCorpus();
const tp = scores.reduce((sum, score) => sum + score.truePositives, 0);
const fp = scores.reduce((sum, score) => sum + score.falsePositives, 0);
const fn = scores.reduce((sum, score) => sum + score.falseNegatives, 0);
console.log(
  `quality sast rule-corpus: precision ${ratio(tp, tp + fp).toFixed(3)} recall ${ratio(tp, tp + fn).toFixed(3)} (tp=${tp} fp=${fp} fn=${fn})`,
);
