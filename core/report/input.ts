// What the maintenance report is computed from: plain data the face gathered from GitHub.
import type { UpkeepConfig } from "../config/schema.ts";
import type { Issue, IssueComment, IssueEvent, Permission } from "../model/issue.ts";
import type { Calendars } from "../sla/policy.ts";
import type { WorkCalendar } from "../tracking/calendar.ts";
import type { Period } from "./period.ts";

export interface ReportIssue {
  issue: Issue;
  /** History; gathered only for issues whose SLA is reported (those with a severity). */
  events: IssueEvent[];
  comments: IssueComment[];
  /** `events` is the whole timeline, so comments are read from its `commented` entries. */
  fromTimeline?: boolean;
}

export interface ReportRelease {
  tag: string;
  name: string;
  publishedAt: string;
  url: string;
  body: string;
}

export interface ReportInput {
  period: Period;
  /** Generation time; open items are judged at min(now, period end). */
  now: number;
  config: UpkeepConfig;
  calendars: Calendars;
  /** The calendar security-window deadlines run on. */
  windowCalendar: WorkCalendar;
  issues: ReportIssue[];
  permissions: ReadonlyMap<string, Permission>;
  releases: ReportRelease[];
}

/** The instant open items are judged at: the period's end, or now while the period runs. */
export function judgedAt(input: Pick<ReportInput, "period" | "now">): number {
  return Math.min(input.now, input.period.end);
}
