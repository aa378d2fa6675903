// Decides the check-in issues: open exactly one per occurrence, remind once before it is due.
import { formatDuration, parseDuration } from "../time/duration.ts";
import type { CheckinConfig } from "./config.ts";
import { latestOccurrence } from "./schedule.ts";

export interface CheckinIssue {
  number: number;
  state: "open" | "closed";
  body: string;
  closedAt: string | null;
}

export interface CheckinMarker {
  name: string;
  occurrence: string;
  due: string;
  reminded: boolean;
}

export type CheckinAction =
  | {
      kind: "open";
      checkin: string;
      title: string;
      body: string;
      labels: string[];
      assignees: string[];
    }
  | { kind: "remind"; number: number; body: string; comment: string };

const MARKER =
  /<!-- upkeep:checkin name=([a-z0-9-]+) occurrence=(\S+) due=(\S+) reminded=([01]) -->/;

export function checkinMarker(marker: CheckinMarker): string {
  return `<!-- upkeep:checkin name=${marker.name} occurrence=${marker.occurrence} due=${marker.due} reminded=${marker.reminded ? 1 : 0} -->`;
}

export function readCheckinMarker(body: string): CheckinMarker | undefined {
  const match = body.match(MARKER);
  if (!match) return undefined;
  return {
    name: match[1] as string,
    occurrence: match[2] as string,
    due: match[3] as string,
    reminded: match[4] === "1",
  };
}

export function planCheckins(input: {
  checkins: CheckinConfig[];
  existing: CheckinIssue[];
  checklists: Map<string, string>;
  now: Date;
  zone: string;
}): CheckinAction[] {
  const actions: CheckinAction[] = [];
  const known = input.existing.map((issue) => ({ issue, marker: readCheckinMarker(issue.body) }));
  for (const checkin of input.checkins) {
    const occurrence = latestOccurrence(checkin, input.now, input.zone);
    if (!occurrence) continue;
    const occurrenceKey = occurrence.toISOString();
    const found = known.find(
      ({ marker }) => marker?.name === checkin.name && marker.occurrence === occurrenceKey,
    );
    const dueAt = new Date(occurrence.getTime() + (parseDuration(checkin.due) ?? 0));
    if (!found) {
      const marker = {
        name: checkin.name,
        occurrence: occurrenceKey,
        due: dueAt.toISOString(),
        reminded: false,
      };
      actions.push({
        kind: "open",
        checkin: checkin.name,
        title: checkin.title.replaceAll("{date}", occurrenceKey.slice(0, 10)),
        body: `${checkinMarker(marker)}\n**Due:** ${dueAt.toISOString().slice(0, 16).replace("T", " ")} UTC\n\n${input.checklists.get(checkin.checklist) ?? ""}`,
        labels: checkin.labels,
        assignees: checkin.assignees,
      });
      continue;
    }
    const { issue, marker } = found;
    const remindAt = dueAt.getTime() - (parseDuration(checkin.remindBefore) ?? 0);
    if (issue.state === "open" && marker && !marker.reminded && input.now.getTime() >= remindAt) {
      const left = dueAt.getTime() - input.now.getTime();
      const when =
        left > 0 ? `is due in ${formatDuration(left)}` : `was due ${formatDuration(-left)} ago`;
      actions.push({
        kind: "remind",
        number: issue.number,
        body: issue.body.replace(MARKER, checkinMarker({ ...marker, reminded: true })),
        comment: `Reminder: this check-in ${when}. Close the issue when the checklist is done.`,
      });
    }
  }
  return actions;
}

/** Whether a closed check-in was done by its due time, for the maintenance report. */
export function doneOnTime(issue: CheckinIssue): boolean | undefined {
  const marker = readCheckinMarker(issue.body);
  if (!marker || issue.state !== "closed" || !issue.closedAt) return undefined;
  return Date.parse(issue.closedAt) <= Date.parse(marker.due);
}
