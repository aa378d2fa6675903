// Asks the model when the maintainer's own signals (a person, the form, their rules) left the
// decision to Upkeep. Every way it can go wrong (no key, timeout, HTTP error, invalid answer,
// budget) ends with the rules' decision and a sentence saying why the model was not used.

import { codeSpan } from "../../text/untrusted-markdown.ts";
import type { TriageDecision, TriageSubject } from "../decide.ts";
import type { TriageModelConfig } from "./config.ts";
import { buildModelRequest, issueForModel, type ModelRequest, requestBudget } from "./prompt.ts";
import { parseAnswer, parseEnvelope } from "./verdict.ts";

export type ModelOutcome = { kind: "answered"; body: string } | { kind: "failed"; why: string };

/** Sends one request to the model endpoint; an adapter outside the core implements it. */
export type ModelTransport = (request: ModelRequest) => Promise<ModelOutcome>;

/** The model may replace only what Upkeep's built-in rules or the default decided. */
export function modelMayDecide(decision: TriageDecision): boolean {
  return (
    decision.source === "built-in" || decision.source === "default" || decision.source === null
  );
}

// Text addressed to a model rather than to maintainers: not worth the risk or the tokens.
const INJECTION =
  /\b(ignore|disregard|forget) (all |any |the )?(previous|prior|above|earlier|your) (instructions|prompts?|rules)|\b(system prompt|you are now|new instructions|as an ai\b|respond only with|answer with severity)/i;

export function looksLikePromptInjection(text: string): boolean {
  return INJECTION.test(text);
}

export async function consultModel(
  rules: TriageDecision,
  issue: TriageSubject,
  config: TriageModelConfig,
  transport: ModelTransport,
): Promise<TriageDecision> {
  const sent = issueForModel(issue, config);
  const text = `${sent.title}\n${sent.body}`;
  if (looksLikePromptInjection(text))
    return fallback(rules, "the issue contains text addressed to a language model");
  const request = buildModelRequest(issue, config);
  const estimate = requestBudget(request);
  if (estimate > config.maxTokensPerIssue)
    return fallback(
      rules,
      `the request would need about ${estimate} tokens, over the budget of ${config.maxTokensPerIssue}`,
    );
  const outcome = await transport(request);
  if (outcome.kind === "failed") return fallback(rules, outcome.why);
  const envelope = parseEnvelope(outcome.body);
  if (!envelope.ok) return fallback(rules, envelope.why);
  if (envelope.tokens !== undefined && envelope.tokens > config.maxTokensPerIssue)
    return fallback(
      rules,
      `the answer cost ${envelope.tokens} tokens, over the budget of ${config.maxTokensPerIssue}`,
    );
  const verdict = parseAnswer(envelope.content, text);
  if (!verdict.ok) return fallback(rules, verdict.why);
  const model = codeSpan(config.model, 60);
  if (verdict.severity === null)
    return {
      severity: null,
      source: "model",
      reason: `the model ${model} found no severity to give (not a bug report, or too little to go on)`,
    };
  const quotes = verdict.evidence.map((quote) => codeSpan(quote, 80)).join(", ");
  return {
    severity: verdict.severity,
    source: "model",
    reason: `the model ${model} classified it ${verdict.severity}, citing ${quotes}`,
  };
}

function fallback(rules: TriageDecision, why: string): TriageDecision {
  return {
    ...rules,
    reason: `${rules.reason} (the model was not used: ${why}; the rules decided)`,
  };
}
