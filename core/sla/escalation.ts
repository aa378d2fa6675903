// The escalation chain after a breach: which steps are due now, which come later, and the one
// comment that carries the due steps' mentions. Mentions come only from config and from the
// issue's assignee logins (checked to be logins), never from text anyone wrote in the issue.
import { formatDuration, parseDuration } from "../time/duration.ts";
import type { EscalationStep } from "./config.ts";
import type { SlaStatus } from "./evaluate.ts";
import { encodeEscalationMarker } from "./marker.ts";

const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;

export interface EscalationPlan {
  /** When the chain started: the first breach of the current cycle; null without one. */
  breachedAt: number | null;
  /** Steps due now and not yet done, in order. */
  due: number[];
  /** When the next step not yet due becomes due. */
  nextAt: number | null;
}

/** Escalation runs while the issue is open and a breached goal is still unmet. */
export function escalationStart(status: SlaStatus, open: boolean): number | null {
  if (!open) return null;
  const active = [status.response, status.resolution].filter(
    (goal) => goal.state === "breached" && goal.completedAt === null && goal.due !== null,
  );
  return active.length > 0 ? Math.min(...active.map((goal) => goal.due!)) : null;
}

export function planEscalation(
  steps: EscalationStep[],
  breachedAt: number | null,
  done: ReadonlySet<number>,
  now: number,
): EscalationPlan {
  if (breachedAt === null) return { breachedAt, due: [], nextAt: null };
  const due: number[] = [];
  let at = breachedAt;
  for (const [index, step] of steps.entries()) {
    at += parseDuration(step.after) ?? 0;
    if (done.has(index)) continue;
    if (at > now) return { breachedAt, due, nextAt: at };
    due.push(index);
  }
  return { breachedAt, due, nextAt: null };
}

/** The people a step mentions, as "@login" / "@org/team", without duplicates. */
export function stepMentions(step: EscalationStep, assignees: string[]): string[] {
  const mentions = step.notify.flatMap((target) =>
    target === "assignees"
      ? assignees.filter((login) => LOGIN.test(login)).map((login) => `@${login}`)
      : [target.startsWith("@") ? target : `@${target}`],
  );
  return [...new Set(mentions)];
}

export interface EscalationCommentInput {
  cycle: number;
  steps: EscalationStep[];
  due: number[];
  assignees: string[];
  severity: string | null;
  breachedAt: number;
  now: number;
}

/** One comment for all due steps (batched, so a late sweep does not post a burst); null when nobody is to be told. */
export function escalationComment(input: EscalationCommentInput): string | null {
  const lines: string[] = [];
  for (const index of input.due) {
    const step = input.steps[index]!;
    const mentions = stepMentions(step, input.assignees);
    if (mentions.length === 0) continue;
    const text = step.message ?? "please take a look";
    lines.push(`- Escalation step ${index + 1}: ${mentions.join(" ")} — ${text}`);
  }
  if (lines.length === 0) return null;
  const severity = input.severity ? `${input.severity} ` : "";
  return [
    encodeEscalationMarker({ cycle: input.cycle, steps: input.due }),
    `🚨 **SLA breached** on this ${severity}issue ${since(input.now - input.breachedAt)}.`,
    "",
    ...lines,
  ].join("\n");
}

function since(ms: number): string {
  return ms < 60_000 ? "just now" : `${formatDuration(ms)} ago`;
}
