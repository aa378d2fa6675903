// Upkeep's own rules for common phrasing, used after the configured ones (documented in
// README.md next to this file). They aim at the words people use when filing, not at every case:
// anything they miss falls to the configured default, and maintainers can always override.
import type { TriageRule } from "./config.ts";

export const BUILT_IN_RULES: TriageRule[] = [
  {
    name: "outage",
    severity: "critical",
    pattern:
      "\\b(outage|(is|are|went|goes|gone) (completely )?down|(site|service|server|production|prod|api|app) (is )?down|down for (all|everyone))\\b",
  },
  {
    name: "data loss",
    severity: "critical",
    pattern:
      "\\b(data loss|los(t|es|ing) (all |my |our |the |user )?data|data (was |is |got )?(deleted|wiped|corrupted)|corrupt(s|ed|ion)? (the )?(data|database))\\b",
  },
  {
    name: "security",
    severity: "critical",
    pattern:
      "\\b(security (vulnerability|issue|hole|flaw|bug)|vulnerabilit(y|ies)|exploit(able|ed)?|remote code execution|rce|sql injection|xss|cve-\\d{4}-\\d+|privilege escalation|auth(entication)? bypass|leak(s|ed|ing)? (credentials|secrets|tokens|passwords))\\b",
  },
  {
    name: "crash on start",
    severity: "critical",
    pattern:
      "\\b(crash(es|ed|ing)? (on|at|during) (start|startup|launch|boot)|(won't|will not|does not|doesn't|cannot|can't|fails to) (start|launch|boot))\\b",
  },
  {
    name: "regression",
    severity: "major",
    pattern: "\\b(regression|regressed|(used to|no longer) work)",
  },
  {
    name: "broken feature",
    severity: "major",
    pattern:
      "\\b(broken|(does not|doesn't|no longer|stopped|not) work(s|ing)?|fail(s|ed|ing)? (to|when|with|for|on)|crash(es|ed|ing)?|error 500|500 error)\\b",
  },
  {
    name: "degraded performance",
    severity: "major",
    pattern:
      "\\b((performance|latency|throughput) (is |has )?(degraded|degradation|drop|regression)|degraded|very slow|slow(er)? than|timeouts?|timing out|memory leak|high (cpu|memory|latency))\\b",
  },
  {
    name: "cosmetic",
    severity: "minor",
    pattern:
      "\\b(typos?|misspel(led|ling)|spelling|cosmetic|grammar|wording|alignment|misaligned|color|colour|padding|margin|tooltip|docs? (fix|typo))\\b",
  },
];
