// Validates what came back from the model before anything acts on it: the chat-completions
// envelope, then the answer itself (strict JSON, a known severity, evidence quoted from the issue).
// Anything else is a failure the caller reports, and the rules decide instead.
import { z } from "zod";
import { type Severity, severityNames } from "../../config/fields.ts";
import { normaliseText } from "../../text/normalise-text.ts";

const envelopeSchema = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string().nullable() }) })).min(1),
  usage: z.object({ total_tokens: z.number().int().nonnegative() }).optional(),
});

const answerSchema = z.strictObject({
  severity: z.enum([...severityNames, "none"]),
  evidence: z.array(z.string().min(1).max(200)).max(5),
});

export type ModelVerdict =
  | { ok: true; severity: Severity | null; evidence: string[]; tokens?: number }
  | { ok: false; why: string };

/** The answer's text and reported usage from a chat-completions response body. */
export function parseEnvelope(
  body: string,
): { ok: true; content: string; tokens?: number } | { ok: false; why: string } {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, why: "the endpoint's response was not JSON" };
  }
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success || !parsed.data.choices[0]?.message.content)
    return {
      ok: false,
      why: "the endpoint's response had no answer in choices[0].message.content",
    };
  return {
    ok: true,
    content: parsed.data.choices[0].message.content,
    tokens: parsed.data.usage?.total_tokens,
  };
}

const flat = (text: string) => normaliseText(text).replace(/\s+/g, " ").trim().toLowerCase();

/**
 * The model's answer, accepted only as one JSON object of the expected shape whose evidence is
 * copied from the issue: a quote the issue does not contain is a sign of invention or of text
 * the issue smuggled in, so the whole answer is refused.
 */
export function parseAnswer(content: string, issueText: string): ModelVerdict {
  let json: unknown;
  try {
    json = JSON.parse(content.trim());
  } catch {
    return { ok: false, why: "the answer was not strict JSON" };
  }
  const parsed = answerSchema.safeParse(json);
  if (!parsed.success)
    return { ok: false, why: "the answer did not match the expected {severity, evidence} shape" };
  const { severity, evidence } = parsed.data;
  if (severity === "none") return { ok: true, severity: null, evidence: [] };
  if (evidence.length === 0) return { ok: false, why: "the answer cited no evidence" };
  const haystack = flat(issueText);
  const invented = evidence.find((quote) => !haystack.includes(flat(quote)));
  if (invented !== undefined)
    return { ok: false, why: "the answer quoted text that is not in the issue" };
  return { ok: true, severity, evidence };
}
