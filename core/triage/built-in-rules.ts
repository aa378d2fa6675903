// Upkeep's own rules for common phrasing, used after the configured ones (documented in
// README.md next to this file). They were widened by measuring them on real issues whose
// maintainers set a severity (test/corpus/triage, `npm run bench -- quality`). Order matters: the
// first rule that matches decides, so the specific signals come first (critical, then the
// title-level minor ones that a "doesn't work" in the body must not outrank), and the catch-all
// "bug report" comes last. Patterns stay within RE2 syntax (no look-arounds, no back-references).
import type { TriageRule } from "./config.ts";

/** Who else can see or change it: the words that make an access bug a data exposure. */
const OTHERS =
  "(other|another|any|all|unauthori[sz]ed|anonymous|logged[- ]out|unauthenticated) (users?|people|accounts?|customers?|tenants?|visitors?)";

export const BUILT_IN_RULES: TriageRule[] = [
  {
    name: "outage",
    severity: "critical",
    pattern:
      "\\b(outage|(is|are|went|goes|gone) (completely )?down|(site|service|server|production|prod|api|app|cluster|website) (is |was |went )?down|down for (all|everyone|everybody))\\b",
  },
  {
    name: "data loss",
    severity: "critical",
    pattern:
      "\\b(data[- ]loss|los(t|es|ing) (all |my |our |the |their |user |users' |customer |customers' )?(data|files|messages|records|emails|documents|rows)|(data|files|records|rows|messages) (was |were |is |are |got |has been |have been )?(lost|deleted|wiped|erased|gone|disappeared)|data (is |was |got )?corrupted|corrupt(s|ed|ion|ing)? (the |my |our )?(data|database|db|files?|index|table|backup))\\b",
  },
  {
    name: "wrong results or inconsistent data",
    severity: "critical",
    pattern:
      "\\b(wrong (query )?results?|incorrect (query )?results?|results? (is|are) (incorrect|wrong)|returns? (wrong|incorrect) (data|results?|rows|values)|data[- ]inconsisten(cy|t)|inconsistent (data|index|results?)|index (data )?inconsisten(cy|t)|data (index )?inconsisten(cy|t))\\b",
  },
  {
    name: "security",
    severity: "critical",
    pattern:
      "\\b(security (vulnerability|issue|hole|flaw|bug|problem)|vulnerabilit(y|ies)|exploit(able|ed)?|remote code execution|rce|sql injection|command injection|xss|csrf|ssrf|cve-\\d{4}-\\d+|privilege escalation|auth(entication|orization)? bypass|leak(s|ed|ing)? (credentials|secrets|tokens|passwords|api keys?))\\b",
  },
  {
    name: "data exposure",
    severity: "critical",
    pattern: `\\b((readable|visible|accessible|viewable|editable|exposed|shown|leaked) (by|to) ${OTHERS}|(see|read|view|access|download|edit|delete) (the )?(data|files?|invoices?|orders?|messages|records|documents|profiles?|emails?) of ${OTHERS}|(exposes|exposed|exposing|leaks|leaked|leaking) (personal|private|sensitive|customer|user|users'|customers') (data|information|info|details)|unauthori[sz]ed access|without (any )?(authentication|authori[sz]ation|permission check))\\b`,
  },
  {
    name: "process crash",
    severity: "critical",
    pattern:
      "\\b(panic(s|ked|ked:)?|segfault(s|ed)?|segmentation fault|core dump(ed)?|oom(s|-killed| killed)?|out of memory|oomkilled|crash(es|ed|ing)? (on|at|during) (start|startup|launch|boot)|(won't|will not|does not|doesn't|cannot|can't|fails to) (start|launch|boot))\\b",
  },
  {
    name: "locked out",
    severity: "critical",
    title:
      "\\b((cannot|can't|can not|unable to|not able to) (log ?in|login|sign ?in)|(login|log-in|sign-in|sign in) (is )?(broken|fails|failed|impossible))\\b",
  },
  {
    name: "documentation",
    severity: "minor",
    title:
      "\\b(typos?|misspel(led|ling|t)|spelling|grammar|wording|dead links?|broken links?|docs?|documentation|javadocs?|readme|help (page|contents?|text)|outdated|translations?|localization|l10n|i18n|release notes?)\\b",
  },
  {
    name: "cosmetic",
    severity: "minor",
    title:
      "\\b(cosmetic|misaligned|alignment|overlap(s|ped|ping)?|cropped|cut off|blurry|colou?rs?|padding|margins?|fonts?|icons?|tooltips?|spacing|layout|(not )?(rendered|displayed|shown) (correctly|properly|incorrectly)|visual glitch|(text|content|labels?) (is )?(overflow(s|ing)?|out of bounds)|overflow(s|ing)? (out of|outside))\\b",
  },
  {
    name: "message wording",
    severity: "minor",
    title:
      "\\b((error|log|warning|exception) messages?|unclear (error|message)|misleading (error|message)|logging|log level|noisy logs?|warnings?)\\b",
  },
  {
    // "Behaves differently from MySQL/the spec": a mismatch to align, the product still works.
    name: "compatibility",
    severity: "minor",
    title: "\\b(not compatible|incompatible|isn't compatible|is not compatible|compatibility)\\b",
  },
  {
    // Web-compatibility reports name the one site that misbehaves ("www.example.nl - Page is
    // blank", "Menu broken on example.com"): a problem on someone else's page, not a product outage.
    name: "one website",
    severity: "minor",
    // Each domain label ends at its own dot, so the pattern cannot split a name two ways.
    title:
      "(^([a-z0-9-]+\\.)+[a-z]{2,6} +- |\\b(on|at|with|to|for) ([a-z0-9-]+\\.)+(com|org|net|de|nl|fr|ca|uk|io|es|it|be|ch|at|ru|jp|br|pl|info|gov|edu)\\b)",
  },
  {
    name: "regression",
    severity: "major",
    pattern: "\\b(regression|regressed|(used to|no longer) work)",
  },
  {
    name: "degraded performance",
    severity: "major",
    pattern:
      "\\b((performance|latency|throughput) (is |has )?(degraded|degradation|drop|regression|issue|problem)|degraded|(very |extremely |really |too )?slow(er|ness|s down| down)?|timeouts?|timing out|times out|memory leak|high (cpu|memory|latency)|hangs?|hanging|freez(e|es|ing)|unresponsive|infinite (load|loading|loop))\\b",
  },
  {
    name: "broken feature",
    severity: "major",
    pattern:
      "\\b(broken|(does not|doesn't|no longer|stopped|not|isn't|is not) work(s|ing)?|fail(s|ed|ing|ure)? (to|when|with|for|on|in|after)|crash(es|ed|ing)?|error 500|500 error|unusable|stuck|nullpointerexception|npe|exception)\\b",
  },
  {
    // The same words as "documentation" and "cosmetic", anywhere in the text: weaker evidence than
    // in the title, so the major signals above come first.
    name: "cosmetic or docs (in the text)",
    severity: "minor",
    pattern:
      "\\b(typos?|misspel(led|ling|t)|spelling mistake|grammar|dead links?|broken links?|cosmetic|misaligned|tooltips?|padding)\\b",
  },
  {
    name: "bug report",
    severity: "major",
    pattern:
      "\\b(bug|defect|error|errors|fails?|failed|failing|failure|incorrect|wrong|unexpected(ly)?|expected (result|behaviou?r)|actual (result|behaviou?r)|steps to reproduce|what did you expect|what happened instead|does not|doesn't|can't|cannot|unable to|missing|not (shown|displayed|visible|loading|load|saved|updated)|blank)\\b",
  },
];
