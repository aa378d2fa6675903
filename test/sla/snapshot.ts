// Builders for issue snapshots in tests: an issue, its events and comments, in the core's shapes.
import { parseConfigText } from "../../core/config/parse.ts";
import type { UpkeepConfig } from "../../core/config/schema.ts";
import type { Actor, Issue, IssueComment, IssueEvent, Permission } from "../../core/model/issue.ts";
import type { IssueSnapshot, SlaSettings } from "../../core/sla/plan.ts";
import { buildCalendars } from "../../core/sla/policy.ts";

export const reporter: Actor = { login: "reporter", type: "User" };
export const maintainer: Actor = { login: "maya", type: "User" };
export const bot: Actor = { login: "upkeep[bot]", type: "Bot" };

export function config(yaml = ""): UpkeepConfig {
  const result = parseConfigText(yaml);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.config;
}

export function settings(yaml = "", ics: Record<string, string> = {}): SlaSettings {
  const parsed = config(yaml);
  const { calendars, problems } = buildCalendars(parsed.sla, ics);
  if (problems.length > 0) throw new Error(JSON.stringify(problems));
  return { config: parsed, calendars };
}

export class IssueStory {
  readonly issue: Issue;
  readonly events: IssueEvent[] = [];
  readonly comments: IssueComment[] = [];
  readonly permissions = new Map<string, Permission>([["maya", "triage"]]);
  private nextId = 1;

  constructor(createdAt: string, labels: string[]) {
    this.issue = {
      number: 1,
      title: "Something broke",
      body: "",
      state: "open",
      stateReason: null,
      labels: [],
      author: reporter,
      assignees: ["maya"],
      createdAt,
      updatedAt: createdAt,
      closedAt: null,
      isPullRequest: false,
      htmlUrl: "https://github.com/octo-org/octo-repo/issues/1",
    };
    for (const label of labels) this.label(createdAt, label);
  }

  private touch(at: string) {
    this.issue.updatedAt = at;
  }

  label(at: string, label: string, actor: Actor = maintainer): this {
    this.events.push({ id: this.nextId++, event: "labeled", actor, createdAt: at, label });
    if (!this.issue.labels.includes(label)) this.issue.labels.push(label);
    this.touch(at);
    return this;
  }

  unlabel(at: string, label: string, actor: Actor = maintainer): this {
    this.events.push({ id: this.nextId++, event: "unlabeled", actor, createdAt: at, label });
    this.issue.labels = this.issue.labels.filter((name) => name !== label);
    this.touch(at);
    return this;
  }

  comment(at: string, author: Actor, body = "a comment"): this {
    const id = this.nextId++;
    this.comments.push({ id, body, author, createdAt: at, updatedAt: at, htmlUrl: "" });
    this.touch(at);
    return this;
  }

  close(at: string, actor: Actor = maintainer): this {
    this.events.push({ id: this.nextId++, event: "closed", actor, createdAt: at });
    Object.assign(this.issue, { state: "closed", closedAt: at, stateReason: "completed" });
    this.touch(at);
    return this;
  }

  reopen(at: string, actor: Actor = reporter): this {
    this.events.push({ id: this.nextId++, event: "reopened", actor, createdAt: at });
    Object.assign(this.issue, { state: "open", closedAt: null, stateReason: "reopened" });
    this.touch(at);
    return this;
  }

  snapshot(): IssueSnapshot {
    return {
      issue: { ...this.issue, labels: [...this.issue.labels] },
      events: [...this.events],
      comments: [...this.comments],
      permissions: this.permissions,
    };
  }
}

export const at = (iso: string) => Date.parse(iso);
