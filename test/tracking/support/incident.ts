// Builders for incidents in the plain shapes the core reads, with realistic histories.
import type { Issue, IssueComment, IssueEvent } from "../../../core/model/issue.ts";

export function incident(overrides: Partial<Issue> = {}): Issue {
  return {
    number: 12,
    title: "Checkout is down for EU customers",
    body: "Payments fail with 503.",
    state: "closed",
    stateReason: "completed",
    labels: ["severity: critical", "area: payments"],
    author: { login: "reporter", type: "User" },
    assignees: ["oncall"],
    createdAt: "2026-03-02T09:00:00Z",
    updatedAt: "2026-03-02T13:30:00Z",
    closedAt: "2026-03-02T13:30:00Z",
    isPullRequest: false,
    htmlUrl: "https://github.com/octo-org/octo-repo/issues/12",
    ...overrides,
  };
}

let nextId = 1;

export function event(
  name: string,
  at: string,
  actor: string | null,
  extra: Partial<IssueEvent> = {},
): IssueEvent {
  return {
    id: nextId++,
    event: name,
    actor: actor ? { login: actor, type: actor.endsWith("[bot]") ? "Bot" : "User" } : null,
    createdAt: at,
    ...extra,
  };
}

export function comment(author: string, at: string, body: string): IssueComment {
  return {
    id: nextId++,
    body,
    author: { login: author, type: author.endsWith("[bot]") ? "Bot" : "User" },
    createdAt: at,
    updatedAt: at,
    htmlUrl: "",
  };
}

/** An incident's history: severity by the bot, a response, an escalation, a fix PR, the close. */
export function incidentHistory(): IssueEvent[] {
  return [
    event("labeled", "2026-03-02T09:00:05Z", "upkeep[bot]", { label: "severity: critical" }),
    event("assigned", "2026-03-02T09:10:00Z", "lead", { assignee: "oncall" }),
    event("commented", "2026-03-02T09:20:00Z", "oncall", { body: "Looking into it" }),
    event("commented", "2026-03-02T09:30:00Z", "upkeep[bot]", {
      body: "Severity explained: matched privilege escalation",
    }),
    event("commented", "2026-03-02T10:00:00Z", "upkeep[bot]", {
      body: "Breached: @oncall please look.\n<!-- upkeep:sla-escalation step=0 -->",
    }),
    event("labeled", "2026-03-02T10:00:00Z", "upkeep[bot]", { label: "sla: breached" }),
    event("cross-referenced", "2026-03-02T12:00:00Z", "oncall", {
      source: {
        kind: "pull_request",
        number: 40,
        title: "Fix pool @everyone exhaustion",
        url: "https://github.com/octo-org/octo-repo/pull/40",
      },
    }),
    event("referenced", "2026-03-02T13:00:00Z", "oncall", {
      source: {
        kind: "commit",
        sha: "0123456789abcdef",
        url: "https://github.com/octo-org/octo-repo/commit/0123456789abcdef",
      },
    }),
    event("closed", "2026-03-02T13:30:00Z", "oncall", { stateReason: "completed" }),
  ];
}
