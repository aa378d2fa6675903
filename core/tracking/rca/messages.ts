// Comments Upkeep writes about RCAs. Each carries a marker so Upkeep recognises its own records.

import { inlineText, loginText } from "../../text/untrusted-markdown.ts";
import { formatInstant } from "../format-time.ts";
import { writeMarker } from "../markers.ts";

export const LINK_MARKER = "rca-link";
export const SKIP_MARKER = "rca-skip";
export const REMINDER_MARKER = "rca-reminder";
export const REFUSAL_MARKER = "rca-refusal";

/** Posted on the incident once its RCA exists. */
export function incidentLinkComment(rcaNumber: number, dueAt: Date | null, zone: string): string {
  const due = dueAt ? ` It is due ${formatInstant(dueAt, zone)}.` : "";
  return `A root-cause analysis is tracked in #${rcaNumber}.${due}\n\n${writeMarker(LINK_MARKER, { rca: String(rcaNumber) })}`;
}

export function skipRecordComment(login: string, reason: string): string {
  return [
    `No root-cause analysis for this incident: ${loginText(login)} skipped it.`,
    "",
    `Reason: ${inlineText(reason, 500)}`,
    "",
    writeMarker(SKIP_MARKER, { by: login }),
  ].join("\n");
}

/** Posted on an RCA that already existed when a maintainer skipped it, before closing it. */
export function rcaSkippedComment(incidentNumber: number, login: string): string {
  return `${loginText(login)} skipped the root-cause analysis on #${incidentNumber}, so this issue is closed as not planned.`;
}

export function skipRefusalComment(login: string, needed: string): string {
  return `Sorry ${loginText(login)}, \`/rca skip\` needs ${needed} permission on this repository or more; nothing changed.\n\n${writeMarker(REFUSAL_MARKER, { to: login })}`;
}

export const USAGE_MARKER = "rca-usage";

/** Carries the id of the comment it answers, so a redelivery does not answer twice. */
export function skipUsageComment(commentId: number): string {
  return `To skip the root-cause analysis, write \`/rca skip <reason>\`; the reason is recorded on the incident.\n\n${writeMarker(USAGE_MARKER, { to: String(commentId) })}`;
}

export function reminderComment(dueAt: Date, zone: string, count: number): string {
  return `This root-cause analysis was due ${formatInstant(dueAt, zone)} and is still open. Please finish it or close it with a note on why not.\n\n${writeMarker(REMINDER_MARKER, { n: String(count) })}`;
}
