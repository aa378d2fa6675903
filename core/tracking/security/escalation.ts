// A breached security window escalates through the SLA's chain (sla.escalation): each step once,
// counted from the deadline, recorded in the escalation comments themselves.
import type { IssueComment } from "../../model/issue.ts";
import { isBot } from "../../model/issue.ts";
import type { EscalationStep } from "../../sla/config.ts";
import { escalationComment, planEscalation } from "../../sla/escalation.ts";
import { decodeEscalationMarker } from "../../sla/marker.ts";
import type { PatchWindow } from "./window.ts";

export interface WindowEscalationInput {
  window: PatchWindow;
  assignees: string[];
  comments: IssueComment[];
  steps: EscalationStep[];
  now: Date;
}

/** The comment carrying the steps due now, or null when none is due (or nobody is to be told). */
export function windowEscalation(input: WindowEscalationInput): string | null {
  const deadline = input.window.deadline.getTime();
  const done = new Set(
    input.comments
      .filter((comment) => isBot(comment.author))
      .flatMap((comment) => decodeEscalationMarker(comment.body)?.steps ?? []),
  );
  const plan = planEscalation(input.steps, deadline, done, input.now.getTime());
  if (plan.due.length === 0) return null;
  return escalationComment({
    cycle: 0,
    steps: input.steps,
    due: plan.due,
    assignees: input.assignees,
    severity: `${input.window.severity}-severity security`,
    breachedAt: deadline,
    now: input.now.getTime(),
  });
}
