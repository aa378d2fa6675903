// Timeline entries as a markdown list inside a marked block, so later closes can append to it
// without touching what people wrote around it.
import { inlineText, loginText, safeUrl } from "../../text/untrusted-markdown.ts";
import { formatInstant } from "../format-time.ts";
import type { TimelineEntry } from "./timeline.ts";

export const TIMELINE_START = "<!-- upkeep:rca-timeline -->";
export const TIMELINE_END = "<!-- /upkeep:rca-timeline -->";

export function renderTimelineLine(entry: TimelineEntry, zone: string): string {
  const url = safeUrl(entry.url);
  const what = url ? `[${entry.what}](${url})` : entry.what;
  const detail = entry.detail ? `: ${inlineText(entry.detail, 120)}` : "";
  const actor = entry.actor ? ` · ${loginText(entry.actor)}` : "";
  return `- **${formatInstant(entry.at, zone)}** · ${what}${detail}${actor}`;
}

/** GitHub refuses issue bodies over 65,536 characters; long histories keep their start and end. */
export const MAX_TIMELINE_LINES = 200;
export const MAX_BODY_LENGTH = 65_000;

export function renderTimelineBlock(entries: TimelineEntry[], zone: string): string {
  return [TIMELINE_START, ...timelineLines(entries, zone), TIMELINE_END].join("\n");
}

export function timelineLines(entries: TimelineEntry[], zone: string): string[] {
  const lines = entries.map((entry) => renderTimelineLine(entry, zone));
  if (lines.length <= MAX_TIMELINE_LINES) return lines;
  const head = lines.slice(0, MAX_TIMELINE_LINES / 4);
  const tail = lines.slice(lines.length - (MAX_TIMELINE_LINES * 3) / 4);
  const skipped = lines.length - head.length - tail.length;
  return [...head, `- … ${skipped} more events; see the incident's history`, ...tail];
}

/**
 * Adds lines for `entries` at the end of the timeline block; undefined when a person removed the
 * block or the body would grow too long (the caller then posts the entries as a comment instead).
 */
export function appendToTimelineBlock(
  body: string,
  entries: TimelineEntry[],
  zone: string,
): string | undefined {
  const end = body.lastIndexOf(TIMELINE_END);
  if (end < 0 || body.indexOf(TIMELINE_START) < 0) return undefined;
  if (entries.length === 0) return body;
  const lines = timelineLines(entries, zone)
    .map((line) => `${line}\n`)
    .join("");
  if (body.length + lines.length > MAX_BODY_LENGTH) return undefined;
  const before = body.slice(0, end);
  const separator = before.endsWith("\n") ? "" : "\n";
  return `${before}${separator}${lines}${body.slice(end)}`;
}
