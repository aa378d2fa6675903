// Release notes on real material: each corpus repository's history (test/corpus/release-notes/) is
// replayed into a git repository, `upkeep release-notes --all` regenerates its CHANGELOG, and every
// section the project published is compared line by line (blank lines and dates aside).
// BENCH_SHOW_DIFFS=1 prints the lines of each section that differ.
import { compareCorpus, corpusRepositories } from "../test/release-notes/published-corpus.ts";

const showDiffs = process.env.BENCH_SHOW_DIFFS === "1";
let identical = 0;
let total = 0;
for (const corpus of corpusRepositories()) {
  const sections = await compareCorpus(corpus);
  const same = sections.filter((section) => section.identical).length;
  identical += same;
  total += sections.length;
  console.log(
    `quality release-notes ${corpus.name}: ${same}/${sections.length} sections identical`,
  );
  if (!showDiffs) continue;
  for (const section of sections.filter((each) => !each.identical)) {
    console.log(`  ${section.version}:`);
    for (const line of section.published.filter((line) => !section.ours.includes(line)))
      console.log(`    - ${line}`);
    for (const line of section.ours.filter((line) => !section.published.includes(line)))
      console.log(`    + ${line}`);
    if (section.published.every((line) => section.ours.includes(line)))
      console.log("    (same lines, different order or count)");
  }
}
const share = total ? ((100 * identical) / total).toFixed(1) : "0.0";
console.log(`quality release-notes total: ${identical}/${total} sections identical (${share}%)`);
