// Gathers the maintenance report's input through the GitHub port: issues touched since the period
// began, the history of those with a severity, commenters' permissions, releases, calendars.
import type { UpkeepConfig } from "../../core/config/schema.ts";
import { isBot, type Permission } from "../../core/model/issue.ts";
import type { ReportInput, ReportIssue } from "../../core/report/input.ts";
import type { Period } from "../../core/report/period.ts";
import { addBusinessMs } from "../../core/sla/calendar.ts";
import {
  buildCalendars,
  type Calendars,
  icsPaths,
  severityFromLabels,
} from "../../core/sla/policy.ts";
import { builtInCalendars, type WorkCalendar } from "../../core/tracking/calendar.ts";
import type { GitHubPort } from "../../github/port.ts";

export async function gatherReportInput(
  port: GitHubPort,
  config: UpkeepConfig,
  period: Period,
  now: number,
): Promise<ReportInput> {
  const issues: ReportIssue[] = [];
  const permissions = new Map<string, Permission>();
  // An issue relevant to the period was updated during or after it; `since` filters on updated_at.
  for await (const issue of port.listIssues({
    state: "all",
    since: new Date(period.start).toISOString(),
    sort: "created",
    direction: "asc",
  })) {
    if (issue.isPullRequest || Date.parse(issue.createdAt) >= period.end) continue;
    const withSeverity = severityFromLabels(issue.labels, config.triage) !== null;
    // Only issues with a severity have SLA goals, so only they need their history read.
    const events = withSeverity ? await port.listTimeline(issue.number) : [];
    for (const event of events) {
      const login = event.actor?.login;
      if (
        event.event === "commented" &&
        login &&
        login !== issue.author.login &&
        !isBot(event.actor) &&
        !permissions.has(login)
      ) {
        permissions.set(login, await port.getPermission(login));
      }
    }
    issues.push({ issue, events, comments: [], fromTimeline: true });
  }
  const icsFiles: Record<string, string | undefined> = {};
  for (const path of icsPaths(config.sla)) icsFiles[path] = await port.readFile(path);
  const calendars = buildCalendars(config.sla, icsFiles).calendars;
  return {
    period,
    now,
    config,
    calendars,
    windowCalendar: windowCalendar(config, calendars),
    issues,
    permissions,
    releases: await port.listPublishedReleases(),
  };
}

/** Security windows name "24x7", "weekdays" or an SLA calendar; adapt the latter to tracking's interface. */
function windowCalendar(config: UpkeepConfig, calendars: Calendars): WorkCalendar {
  const name = config.tracking.securityWindows.calendar;
  const builtIn = builtInCalendars(config.timezone)(name);
  if (builtIn) return builtIn;
  const sla = calendars.get(name);
  if (!sla) return builtInCalendars(config.timezone)("24x7")!;
  return {
    addWorkingTime: (start, ms) =>
      new Date(addBusinessMs(sla, start.getTime(), ms) ?? Number.POSITIVE_INFINITY),
    // Working days are not used for security windows; count them as calendar days.
    addWorkingDays: (start, days) => new Date(start.getTime() + days * 86_400_000),
  };
}
