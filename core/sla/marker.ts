// The hidden, machine-readable part of the status comment: what Upkeep last decided for the issue,
// which escalation steps of the current cycle are done, and what the last sweep saw. Readers treat
// a missing or unreadable marker as "nothing known yet", never as an error.
import type { SlaState } from "./evaluate.ts";

export const STATUS_MARKER_PREFIX = "<!-- upkeep:sla ";
export const ESCALATION_MARKER_PREFIX = "<!-- upkeep:sla-escalation ";
const MARKER_END = " -->";

export interface SlaMarker {
  v: 1;
  cycle: number;
  severity: string | null;
  response: { state: SlaState; due: string | null };
  resolution: { state: SlaState; due: string | null };
  paused: boolean;
  /** Escalation steps (0-based) done in `cycle`. */
  escalated: number[];
  /** The updated_at when Upkeep last read its history. */
  seen: string | null;
  /** When the state can next change by time alone (goal thresholds, escalation steps). */
  next: string | null;
}

function encode(prefix: string, value: unknown): string {
  // JSON never contains "-->" here (ISO times, state names, numbers), but make sure.
  return `${prefix}${JSON.stringify(value).replaceAll("--", "-\\u002d")}${MARKER_END}`;
}

function decode(prefix: string, body: string): unknown {
  const start = body.indexOf(prefix);
  if (start < 0) return undefined;
  const end = body.indexOf(MARKER_END, start + prefix.length);
  if (end < 0) return undefined;
  try {
    return JSON.parse(body.slice(start + prefix.length, end));
  } catch {
    return undefined;
  }
}

export function encodeStatusMarker(marker: SlaMarker): string {
  return encode(STATUS_MARKER_PREFIX, marker);
}

export function isStatusComment(body: string): boolean {
  return body.startsWith(STATUS_MARKER_PREFIX);
}

export function decodeStatusMarker(body: string): SlaMarker | undefined {
  if (!isStatusComment(body)) return undefined;
  const value = decode(STATUS_MARKER_PREFIX, body) as Partial<SlaMarker> | undefined;
  if (value?.v !== 1 || typeof value.cycle !== "number") return undefined;
  return {
    ...(value as SlaMarker),
    escalated: Array.isArray(value.escalated) ? value.escalated.filter(Number.isInteger) : [],
  };
}

export interface EscalationRecord {
  cycle: number;
  steps: number[];
}

export function encodeEscalationMarker(record: EscalationRecord): string {
  return encode(ESCALATION_MARKER_PREFIX, record);
}

export function decodeEscalationMarker(body: string): EscalationRecord | undefined {
  if (!body.startsWith(ESCALATION_MARKER_PREFIX)) return undefined;
  const value = decode(ESCALATION_MARKER_PREFIX, body) as Partial<EscalationRecord> | undefined;
  if (!value || typeof value.cycle !== "number" || !Array.isArray(value.steps)) return undefined;
  return { cycle: value.cycle, steps: value.steps.filter(Number.isInteger) };
}

/** Everything that people can see changed; `seen` alone changing is not worth a write. */
export function sameDecision(a: SlaMarker | undefined, b: SlaMarker): boolean {
  if (!a) return false;
  const { seen: _a, ...left } = a;
  const { seen: _b, ...right } = b;
  return JSON.stringify(left) === JSON.stringify(right);
}
