// What a webhook normaliser returns: a finding, a reason the event does not concern windows, or
// a clear message naming the payload field that was malformed.
import type { z } from "zod";
import type { FindingSeverity } from "../../../config/fields.ts";
import { type Finding, type FindingInput, findingSchema } from "../finding.ts";

export type NormaliseResult =
  | { kind: "finding"; finding: Finding }
  | { kind: "ignored"; reason: string }
  | { kind: "invalid"; message: string };

export interface NormaliseOptions {
  /** When the delivery arrived; a first-seen time for payloads that carry none. */
  receivedAt: Date;
  /** Severity for leaked secrets, which have none of their own. */
  secretSeverity: FindingSeverity;
}

export function invalid(event: string, error: z.ZodError): NormaliseResult {
  const issue = error.issues[0]!;
  const path = issue.path.join(".") || "(payload)";
  return { kind: "invalid", message: `${event} payload: ${path}: ${issue.message}` };
}

/** Validates the finding a normaliser built, so a surprise in a payload is named, not thrown. */
export function finding(event: string, input: FindingInput): NormaliseResult {
  const parsed = findingSchema.safeParse(input);
  return parsed.success
    ? { kind: "finding", finding: parsed.data }
    : invalid(`${event} (normalised)`, parsed.error);
}

export function login(user: { login?: string } | null | undefined): string | undefined {
  return user?.login ?? undefined;
}

export type AlertState = "open" | "fixed" | "dismissed";

/** What an alert's webhook action means for its window, given that source's action names. */
export function alertState(
  action: string,
  actions: Record<AlertState, readonly string[]>,
): AlertState | undefined {
  return (Object.keys(actions) as AlertState[]).find((state) => actions[state].includes(action));
}

export function ignoredAction(event: string, action: string): NormaliseResult {
  return { kind: "ignored", reason: `${event}.${action} does not change a window` };
}
