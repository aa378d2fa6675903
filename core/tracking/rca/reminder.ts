// Overdue RCAs get one reminder per configured interval; the reminders themselves are the state.
import type { Issue, IssueComment } from "../../model/issue.ts";
import { isBot } from "../../model/issue.ts";
import { parseDuration } from "../../time/duration.ts";
import type { RcaConfig } from "../config.ts";
import { readMarker } from "../markers.ts";
import { RCA_MARKER } from "./body.ts";
import { REMINDER_MARKER, reminderComment } from "./messages.ts";

/** The reminder comment to post now, or undefined when none is due. */
export function dueReminder(
  rca: Issue,
  comments: IssueComment[],
  now: Date,
  config: RcaConfig,
  zone: string,
): string | undefined {
  if (rca.state !== "open" || config.reminder === "off") return undefined;
  const due = readMarker(rca.body, RCA_MARKER)?.due;
  if (!due || now.getTime() < Date.parse(due)) return undefined;
  const interval = parseDuration(config.reminder)!;
  const reminders = comments.filter(
    (comment) => isBot(comment.author) && comment.body.includes(`<!-- upkeep:${REMINDER_MARKER}`),
  );
  const last = reminders.at(-1);
  if (last && now.getTime() - Date.parse(last.createdAt) < interval) return undefined;
  return reminderComment(new Date(due), zone, reminders.length + 1);
}

/** For the maintenance report: whether an RCA was closed by its due date. */
export function closedOnTime(rca: Issue): boolean | undefined {
  const due = readMarker(rca.body, RCA_MARKER)?.due;
  if (!due || rca.state !== "closed" || !rca.closedAt) return undefined;
  return Date.parse(rca.closedAt) <= Date.parse(due);
}
