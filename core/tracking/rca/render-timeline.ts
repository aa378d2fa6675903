// Timeline entries as a markdown list inside a marked block, so later closes can append to it
// without touching what people wrote around it.
import { formatInstant } from "../format-time.ts";
import { inlineText, loginText, safeUrl } from "../safe-text.ts";
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

export function renderTimelineBlock(entries: TimelineEntry[], zone: string): string {
  const lines = entries.map((entry) => renderTimelineLine(entry, zone));
  return [TIMELINE_START, ...lines, TIMELINE_END].join("\n");
}

/**
 * Adds lines for `entries` at the end of the timeline block; undefined when a person removed the
 * block (the caller then posts the entries as a comment instead).
 */
export function appendToTimelineBlock(
  body: string,
  entries: TimelineEntry[],
  zone: string,
): string | undefined {
  const end = body.lastIndexOf(TIMELINE_END);
  if (end < 0 || body.indexOf(TIMELINE_START) < 0) return undefined;
  if (entries.length === 0) return body;
  const lines = entries.map((entry) => `${renderTimelineLine(entry, zone)}\n`).join("");
  const before = body.slice(0, end);
  const separator = before.endsWith("\n") ? "" : "\n";
  return `${before}${separator}${lines}${body.slice(end)}`;
}
