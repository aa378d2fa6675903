// Decides an issue's severity, in order: a human's choice (label or authorised command), the
// issue form's field, the configured rules then the built-in ones, and finally the default.
import type { Severity } from "../config/fields.ts";
import type { IssueEvent } from "../model/issue.ts";
import { codeSpan } from "../text/untrusted-markdown.ts";
import type { TriageConfig } from "./config.ts";
import { formSeverity } from "./form.ts";
import { type HumanChoice, latestHumanChoice } from "./human-choice.ts";
import { matchRules, type RuleOutcome } from "./rules.ts";
import { MAX_TRIAGE_TEXT } from "./text-budget.ts";

export type DecisionSource =
  | "human-label"
  | "command"
  | "form"
  | "rule"
  | "model"
  | "built-in"
  | "default";

export interface TriageDecision {
  /** null: no severity (the needs-triage label applies, unless a human removed the severity). */
  severity: Severity | null;
  source: DecisionSource | null;
  /** One sentence for people; untrusted text in it is quoted and inert. */
  reason: string;
}

export interface TriageSubject {
  title: string;
  body: string;
  labels: string[];
}

export interface TriageContext {
  /** The issue's timeline; empty for issues not on GitHub yet (CLI). */
  events?: IssueEvent[];
  /** Whether a command author may set severity (permission resolved by the face). */
  authorised?: (login: string) => boolean;
}

export function decideSeverity(
  issue: TriageSubject,
  config: TriageConfig,
  context: TriageContext = {},
): TriageDecision {
  const human = latestHumanChoice(
    context.events ?? [],
    issue.labels,
    config,
    context.authorised ?? (() => false),
  );
  if (human) return fromHuman(human);
  const form = formSeverity(issue.body, config.formField);
  if (form) {
    return {
      severity: form.severity,
      source: "form",
      reason: `the issue form's "${config.formField}" field says ${codeSpan(form.choice)}`,
    };
  }
  const outcome = matchRules(issue, config);
  return withBudgetNotes(fromRules(outcome, config), outcome);
}

function fromRules(outcome: RuleOutcome, config: TriageConfig): TriageDecision {
  const rule = outcome.match;
  if (rule) {
    const named = rule.rule.name ? ` "${rule.rule.name}"` : "";
    const which =
      rule.origin === "built-in" ? `built-in rule${named}` : `rule ${rule.origin}${named}`;
    return {
      severity: rule.severity,
      source: rule.origin === "built-in" ? "built-in" : "rule",
      reason: `${which} matched ${codeSpan(rule.matched)}`,
    };
  }
  if (config.default !== "none") {
    return {
      severity: config.default,
      source: "default",
      reason: "no rule matched; using the configured default",
    };
  }
  return {
    severity: null,
    source: null,
    reason: "no rule matched and there is no default severity",
  };
}

/** Says when a budget limited what was read, so a maintainer knows why a rule did not fire. */
function withBudgetNotes(decision: TriageDecision, outcome: RuleOutcome): TriageDecision {
  const notes: string[] = [];
  if (outcome.bodyCut)
    notes.push(
      `only the first ${MAX_TRIAGE_TEXT.toLocaleString("en")} characters of the body were read`,
    );
  if (outcome.skippedFrom)
    notes.push(
      `${outcome.skippedFrom} and the rules after it were not checked: the issue is too long for all of them within the triage budget`,
    );
  if (notes.length === 0) return decision;
  return { ...decision, reason: `${decision.reason} (${notes.join("; ")})` };
}

function fromHuman(choice: HumanChoice): TriageDecision {
  const who = choice.actor === "the issue's author" ? choice.actor : codeSpan(choice.actor);
  if (choice.kind === "command") {
    return {
      severity: choice.severity,
      source: "command",
      reason: `${who} used /severity ${choice.severity}`,
    };
  }
  const what = choice.severity ? `set it by label` : "removed the severity label";
  return {
    severity: choice.severity,
    source: "human-label",
    reason: `${who} ${what}; Upkeep keeps a person's choice`,
  };
}
