import { describe, expect, it } from "vitest";
import { parseConfigText } from "../config/parse.ts";
import type { Issue, IssueComment, IssueEvent } from "../model/issue.ts";
import { buildCalendars } from "../sla/policy.ts";
import { alwaysOpen } from "../tracking/calendar.ts";
import { windowMarkers } from "../tracking/security/stored.ts";
import type { ReportInput, ReportIssue } from "./input.ts";
import { resolvePeriod } from "./period.ts";
import { renderHtml } from "./render-html.ts";
import { renderMarkdown } from "./render-markdown.ts";
import { buildReport } from "./report.ts";

const HOUR = 3_600_000;

function issue(number: number, fields: Partial<Issue> & { createdAt: string }): Issue {
  return {
    number,
    title: `Issue ${number}`,
    body: "",
    state: fields.closedAt ? "closed" : "open",
    stateReason: fields.closedAt ? "completed" : null,
    labels: [],
    author: { login: "visitor", type: "User" },
    assignees: [],
    updatedAt: fields.closedAt ?? fields.createdAt,
    closedAt: null,
    isPullRequest: false,
    htmlUrl: "",
    ...fields,
  };
}

const labeled = (label: string, at: string): IssueEvent => ({
  id: `${label}-${at}`,
  event: "labeled",
  actor: { login: "upkeep[bot]", type: "Bot" },
  createdAt: at,
  label,
});
const closed = (at: string): IssueEvent => ({
  id: `closed-${at}`,
  event: "closed",
  actor: { login: "maria", type: "User" },
  createdAt: at,
  stateReason: "completed",
});
const comment = (id: number, login: string, at: string): IssueComment => ({
  id,
  body: "Looking",
  author: { login, type: "User" },
  createdAt: at,
  updatedAt: at,
  htmlUrl: "",
});

function record(
  value: Issue,
  events: IssueEvent[] = [],
  comments: IssueComment[] = [],
): ReportIssue {
  return { issue: value, events, comments };
}

function input(issues: ReportIssue[]): ReportInput {
  const parsed = parseConfigText("timezone: UTC\n");
  if (!parsed.ok) throw new Error("config");
  const period = resolvePeriod("2026-Q3", new Date("2026-11-25T00:00:00Z"), "UTC");
  if (!period.ok) throw new Error(period.error);
  return {
    period: period.period,
    now: Date.parse("2026-11-25T00:00:00Z"),
    config: parsed.config,
    calendars: buildCalendars(parsed.config.sla, {}).calendars,
    windowCalendar: alwaysOpen,
    issues,
    permissions: new Map([["maria", "maintain"]]),
    releases: [
      {
        tag: "v1.2.0",
        name: "v1.2.0",
        publishedAt: "2026-08-15T10:00:00Z",
        url: "https://github.com/acme/shop/releases/tag/v1.2.0",
        body: "",
      },
      {
        tag: "v1.3.0",
        name: "v1.3.0",
        publishedAt: "2026-10-02T10:00:00Z",
        url: "https://github.com/acme/shop/releases/tag/v1.3.0",
        body: "",
      },
    ],
  };
}

const quarter = input([
  // Critical: answered in 30 minutes, resolved in 2 hours: both goals met.
  record(
    issue(1, {
      title: "Checkout down",
      labels: ["severity: critical"],
      createdAt: "2026-07-10T10:00:00Z",
      closedAt: "2026-07-10T12:00:00Z",
    }),
    [labeled("severity: critical", "2026-07-10T10:00:00Z"), closed("2026-07-10T12:00:00Z")],
    [comment(11, "maria", "2026-07-10T10:30:00Z")],
  ),
  // Major: nobody answered, resolved after 48 hours: both goals breached.
  record(
    issue(2, {
      labels: ["severity: major"],
      createdAt: "2026-08-01T09:00:00Z",
      closedAt: "2026-08-03T09:00:00Z",
    }),
    [labeled("severity: major", "2026-08-01T09:00:00Z"), closed("2026-08-03T09:00:00Z")],
  ),
  // A health-check incident: 30 minutes of downtime.
  record(
    issue(3, {
      title: "api is down",
      labels: ["incident", "severity: critical"],
      body: "<!-- upkeep:health-incident probe=api -->",
      createdAt: "2026-09-01T00:00:00Z",
      closedAt: "2026-09-01T00:30:00Z",
    }),
    [labeled("severity: critical", "2026-09-01T00:00:00Z"), closed("2026-09-01T00:30:00Z")],
    [comment(31, "maria", "2026-09-01T00:10:00Z")],
  ),
  // RCA done before its due date.
  record(
    issue(4, {
      body: "<!-- upkeep:rca incident=1 due=2026-07-17T12:00:00.000Z through=x -->",
      createdAt: "2026-07-10T12:05:00Z",
      closedAt: "2026-07-15T09:00:00Z",
    }),
  ),
  // RCA still open past its due date.
  record(
    issue(5, {
      body: "<!-- upkeep:rca incident=3 due=2026-09-08T00:00:00.000Z through=x -->",
      createdAt: "2026-09-01T00:35:00Z",
    }),
  ),
  // A critical security window (24h) closed after two days: late.
  record(
    issue(6, {
      body: windowMarkers("GHSA-xxxx", [
        {
          id: "GHSA-xxxx",
          source: "upkeep-deps",
          severity: "critical",
          firstSeenAt: "2026-09-10T00:00:00Z",
          state: "fixed",
        },
      ]),
      createdAt: "2026-09-10T00:05:00Z",
      closedAt: "2026-09-12T00:00:00Z",
    }),
  ),
  // A check-in closed after its due date.
  record(
    issue(7, {
      body: "<!-- upkeep:checkin name=dr-drill occurrence=2026-07-01T00:00:00.000Z due=2026-07-15T00:00:00.000Z reminded=1 -->",
      createdAt: "2026-07-01T00:00:00Z",
      closedAt: "2026-07-20T00:00:00Z",
    }),
  ),
  // Outside the quarter: ignored.
  record(issue(8, { labels: ["severity: critical"], createdAt: "2026-10-05T00:00:00Z" }), [
    labeled("severity: critical", "2026-10-05T00:00:00Z"),
  ]),
]);

describe("maintenance report", () => {
  const report = buildReport(quarter, "acme/shop");

  it("measures SLA compliance per severity with business-aware percentiles", () => {
    const critical = report.sla.find((row) => row.severity === "critical")!;
    expect(critical.issues).toBe(2);
    expect(critical.response).toMatchObject({
      met: 2,
      breached: 0,
      onTime: 1,
      p50Ms: (0.5 * HOUR) / 3,
      p90Ms: 0.5 * HOUR,
    });
    expect(critical.resolution).toMatchObject({
      met: 2,
      breached: 0,
      p50Ms: 0.5 * HOUR,
      p90Ms: 2 * HOUR,
    });
    const major = report.sla.find((row) => row.severity === "major")!;
    expect(major.response).toMatchObject({ met: 0, breached: 1, onTime: 0 });
    expect(major.resolution).toMatchObject({ met: 0, breached: 1, p50Ms: 48 * HOUR });
  });

  it("counts incidents, time to restore and health-check downtime", () => {
    expect(report.incidents.bySeverity).toEqual({ critical: 2, major: 1, minor: 0 });
    expect(report.incidents.mttrMs).toBe((2 * HOUR + 48 * HOUR + 0.5 * HOUR) / 3);
    expect(report.incidents.downtime).toEqual([
      { probe: "api", incidents: 1, downtimeMs: 0.5 * HOUR },
    ]);
  });

  it("counts RCAs, security windows and check-ins against their due dates", () => {
    expect(report.rcas).toEqual({ opened: 2, doneOnTime: 1, doneLate: 0, overdue: 1, open: 0 });
    expect(report.securityWindows).toMatchObject({
      opened: 1,
      doneOnTime: 0,
      doneLate: 1,
      bySource: { "upkeep-deps": 1 },
    });
    expect(report.checkins).toEqual({ opened: 1, doneOnTime: 0, doneLate: 1, overdue: 0, open: 0 });
    const week = report.findingsTrend.find((entry) => entry.week === "2026-W37");
    expect(week).toEqual({ week: "2026-W37", opened: 1, closed: 1 });
  });

  it("lists only the releases published in the period", () => {
    expect(report.releases.map((release) => release.tag)).toEqual(["v1.2.0"]);
  });

  it("renders Markdown with the period marker and an HTML page whose charts carry the numbers", () => {
    const markdown = renderMarkdown(report);
    expect(markdown.split("\n")[0]).toBe("<!-- upkeep:report period=2026-Q3 -->");
    expect(markdown).toContain(
      "| critical | 2 | 100% (2/2) | 10m / 30m | 100% (2/2) | 30m / 2h | 0 |",
    );
    const html = renderHtml(report);
    expect(html).toContain('data-category="critical" data-value="2"');
    expect(html).not.toMatch(/<script|src=|href="http(?!s:\/\/github\.com)/);
  });
});
