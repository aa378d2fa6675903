// Comments on security-window issues. Who dismissed a finding and why comes from a payload,
// so it is quoted inert: logins as code, reasons escaped, never a mention.

import { codeSpan, inlineText, loginText, quotedBlock } from "../../text/untrusted-markdown.ts";
import { formatInstant } from "../format-time.ts";
import type { Finding } from "./finding.ts";

export function resolutionLine(finding: Finding, zone: string): string {
  const when = finding.resolvedAt ? ` at ${formatInstant(finding.resolvedAt, zone)}` : "";
  const id = codeSpan(finding.id, 100);
  if (finding.state === "fixed") {
    const by = finding.resolvedBy ? ` by ${loginText(finding.resolvedBy)}` : "";
    const how = finding.resolution ? ` (${inlineText(finding.resolution, 100)})` : "";
    return `- ${id} was fixed${by}${when}${how}.`;
  }
  const by = finding.resolvedBy ? ` by ${loginText(finding.resolvedBy)}` : "";
  const reason = finding.resolution ? ` as ${inlineText(finding.resolution, 100)}` : "";
  const line = `- ${id} was dismissed${by}${when}${reason}.`;
  return finding.resolutionComment ? `${line}\n\n${quotedBlock(finding.resolutionComment)}` : line;
}

export function closeComment(resolved: Finding[], zone: string): string {
  const lines = resolved.map((finding) => resolutionLine(finding, zone));
  const allFixed = resolved.every((finding) => finding.state === "fixed");
  const head = allFixed
    ? "Every finding in this window is fixed, so it is closed."
    : "No finding in this window is open any more, so it is closed.";
  return [head, "", ...lines].join("\n");
}

export function reopenComment(reopened: Finding[]): string {
  const ids = reopened.map((finding) => codeSpan(finding.id, 100)).join(", ");
  return `Reopened: ${ids} ${reopened.length === 1 ? "is" : "are"} open again. The patch deadline counts from when it was first seen.`;
}

export function duplicateComment(original: number): string {
  return `Duplicate of #${original}, which tracks the same finding (two deliveries raced); closing this one.`;
}
