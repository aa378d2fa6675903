// Triage quality on real issues (test/corpus/triage/): how often the default config agrees with
// the severity the projects' maintainers gave, per split (dev: looked at while tuning the
// built-in rules; heldout: scored only), per project, and for a 15-line keyword list as a yardstick.
// Offline, through decideSeverity with the default config, as the App runs it. Prints; never fails
// on a figure.
import { parseConfigText } from "../core/config/parse.ts";
import type { TriageConfig } from "../core/triage/config.ts";
import {
  type CorpusIssue,
  decideAsOpened,
  loadSplit,
  qualityLine,
  SPLITS,
  scoreTriage,
} from "../test/support/triage-corpus.ts";

function configOf(yaml: string): TriageConfig {
  const result = parseConfigText(yaml, "bench.yml");
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.config.triage;
}

/**
 * A plain keyword list of the kind a maintainer writes in a few minutes (one rule per line,
 * first match wins, no built-in rules, no default). Written before scoring, not tuned on the corpus.
 */
const KEYWORD_LIST = `triage:
  builtInRules: false
  rules:
    - { severity: critical, keywords: [outage, down for, production down] }
    - { severity: critical, keywords: [data loss, lost data, corrupt, corruption] }
    - { severity: critical, keywords: [security, vulnerability, CVE, exploit, injection] }
    - { severity: critical, keywords: [crash, crashes, panic, segfault] }
    - { severity: critical, keywords: [cannot start, won't start, unusable] }
    - { severity: major, keywords: [regression, regressed] }
    - { severity: major, keywords: [broken, not working, doesn't work, does not work] }
    - { severity: major, keywords: [fails, failed, failure, error, exception] }
    - { severity: major, keywords: [wrong result, incorrect, inconsistent] }
    - { severity: major, keywords: [slow, performance, timeout, memory leak, hang] }
    - { severity: minor, keywords: [typo, spelling, grammar, wording] }
    - { severity: minor, keywords: [docs, documentation, readme, javadoc, comment] }
    - { severity: minor, keywords: [cosmetic, ui, layout, alignment, color, icon] }
    - { severity: minor, keywords: [log, logging, warning, message] }
    - { severity: minor, keywords: [cleanup, refactor, unused, deprecated] }
`;

const splits = Object.fromEntries(SPLITS.map((split) => [split, loadSplit(split)])) as Record<
  (typeof SPLITS)[number],
  CorpusIssue[]
>;
const all = [...splits.dev, ...splits.heldout];
const projects = new Set(all.map((issue) => issue.project));
console.log(`corpus: ${all.length} issues from ${projects.size} projects (test/corpus/triage)`);

const defaults = decideAsOpened(configOf(""));
for (const split of SPLITS) console.log(qualityLine(split, scoreTriage(splits[split], defaults)));
// What a maintainer who prefers a label on everything gets by setting a default.
const withDefault = decideAsOpened(configOf("triage:\n  default: major\n"));
for (const split of SPLITS)
  console.log(
    qualityLine(`${split} (triage.default: major)`, scoreTriage(splits[split], withDefault)),
  );
const keywords = decideAsOpened(configOf(KEYWORD_LIST));
for (const split of SPLITS)
  console.log(qualityLine(`${split} (15-line keyword list)`, scoreTriage(splits[split], keywords)));

console.log("  per project, both splits, default config:");
for (const project of [...projects].sort()) {
  const score = scoreTriage(
    all.filter((issue) => issue.project === project),
    defaults,
  );
  console.log(`  ${qualityLine(project, score)}`);
}
const total = scoreTriage(all, defaults);
console.log("  confusion (expected → decided), both splits, default config:");
for (const [expected, row] of Object.entries(total.confusion))
  console.log(`    ${expected.padEnd(8)} ${JSON.stringify(row)}`);
