// What a security-window issue remembers about its findings, kept in hidden markers in its body:
// `<!-- upkeep:security-window id=KEY -->` to find it, and the findings' last known states.

import { readMarker, writeMarker } from "../markers.ts";
import type { Finding } from "./finding.ts";

export const WINDOW_MARKER = "security-window";
const DATA_MARKER = "security-window-data";

export interface TrackedWindow {
  number: number;
  state: "open" | "closed";
  createdAt: string;
  labels: string[];
  body: string;
  key: string;
  findings: Finding[];
}

export function windowMarkers(key: string, findings: Finding[]): string {
  const data = Buffer.from(JSON.stringify(findings), "utf8").toString("base64url");
  return `${writeMarker(WINDOW_MARKER, { id: key })}\n${writeMarker(DATA_MARKER, { v: "1", d: data })}`;
}

/** The window an issue body describes, or undefined when the body is not one of ours. */
export function readWindow(
  issue: Pick<TrackedWindow, "number" | "state" | "createdAt" | "labels" | "body">,
): TrackedWindow | undefined {
  const key = readMarker(issue.body, WINDOW_MARKER)?.id;
  if (!key) return undefined;
  return { ...issue, key, findings: readFindings(issue.body) };
}

function readFindings(body: string): Finding[] {
  const data = readMarker(body, DATA_MARKER)?.d;
  if (!data) return [];
  try {
    const parsed = JSON.parse(Buffer.from(data, "base64url").toString("utf8"));
    return Array.isArray(parsed) ? (parsed as Finding[]) : [];
  } catch {
    // A person edited the marker; the next event or scan rebuilds it.
    return [];
  }
}
