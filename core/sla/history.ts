// Derives an issue's SLA history from what GitHub recorded: cycles (opened or reopened until
// closed), paused stretches (pause labels, ended by their removal or by the reporter replying), and
// the first response in each cycle. Nothing about the clock is stored; re-deriving gives the same answer.
import {
  type Actor,
  type Issue,
  type IssueComment,
  type IssueEvent,
  isBot,
  type Permission,
  permissionAtLeast,
} from "../model/issue.ts";

export interface Cycle {
  /** 1-based: the first cycle starts at creation, each reopening starts the next. */
  index: number;
  start: number;
  /** When the issue was closed, ending the cycle. */
  end?: number;
  /** Paused stretches; the last one has no end while the pause lasts. */
  pauses: { start: number; end?: number }[];
  response?: { at: number; by: string };
}

export interface HistoryRules {
  pauseLabels: string[];
  resumeOnReporterReply: boolean;
  minPermission: Permission;
  countLabelChanges: boolean;
  /** An issue a maintainer opened needs no first response from another one. */
  openedByMaintainer: boolean;
}

export interface IssueHistoryInput {
  issue: Issue;
  events: IssueEvent[];
  comments: IssueComment[];
  /** Repository permission per login; a login missing here has none. */
  permissions: ReadonlyMap<string, Permission>;
}

type Entry =
  | { kind: "event"; at: number; event: IssueEvent }
  | { kind: "comment"; at: number; comment: IssueComment };

function timeline(input: IssueHistoryInput, created: number): Entry[] {
  const entries: Entry[] = [
    ...input.events.map(
      (event): Entry => ({ kind: "event", at: Date.parse(event.createdAt), event }),
    ),
    ...input.comments.map(
      (comment): Entry => ({ kind: "comment", at: Date.parse(comment.createdAt), comment }),
    ),
  ].filter((entry) => Number.isFinite(entry.at));
  for (const entry of entries) entry.at = Math.max(entry.at, created);
  // Stable sort keeps GitHub's order within each list. Between the lists, a comment in the same
  // second as an event goes first: people label after reading, rarely before.
  return entries.sort((a, b) => a.at - b.at || rank(a) - rank(b));
}

function rank(entry: Entry): number {
  return entry.kind === "comment" ? 0 : 1;
}

/** Walks the issue's history once, in time order. */
export function deriveCycles(input: IssueHistoryInput, rules: HistoryRules): Cycle[] {
  const created = Date.parse(input.issue.createdAt);
  const walker = new CycleWalker(input, rules, created);
  for (const entry of timeline(input, created)) walker.visit(entry);
  return walker.finish();
}

class CycleWalker {
  private readonly cycles: Cycle[];
  private readonly activePauseLabels = new Set<string>();
  /** The reporter answered since the last pause label went on: the labels no longer pause. */
  private resumedByReporter = false;
  private readonly input: IssueHistoryInput;
  private readonly rules: HistoryRules;

  constructor(input: IssueHistoryInput, rules: HistoryRules, created: number) {
    this.input = input;
    this.rules = rules;
    this.cycles = [{ index: 1, start: created, pauses: [] }];
    const { author } = input.issue;
    if (rules.openedByMaintainer && !isBot(author) && this.hasPermission(author.login)) {
      this.current.response = { at: created, by: author.login };
    }
  }

  private hasPermission(login: string): boolean {
    const permission = this.input.permissions.get(login) ?? "none";
    return permissionAtLeast(permission, this.rules.minPermission);
  }

  private get current(): Cycle {
    return this.cycles[this.cycles.length - 1]!;
  }

  private get open(): boolean {
    return this.current.end === undefined;
  }

  visit(entry: Entry): void {
    if (entry.kind === "comment") {
      this.onComment(entry.comment.author, entry.at);
      return;
    }
    const { event } = entry;
    switch (event.event) {
      case "labeled":
      case "unlabeled":
        this.onLabel(event, entry.at);
        break;
      case "closed":
        this.onClosed(entry.at);
        break;
      case "reopened":
        this.onReopened(event.actor, entry.at);
        break;
      case "commented":
      case "reviewed":
        this.onComment(event.actor, entry.at);
        break;
    }
  }

  private qualifies(actor: Actor | null): actor is Actor {
    if (!actor || isBot(actor) || actor.login === this.input.issue.author.login) return false;
    return this.hasPermission(actor.login);
  }

  private respond(actor: Actor | null, at: number): void {
    if (this.open && !this.current.response && this.qualifies(actor)) {
      this.current.response = { at, by: actor.login };
    }
  }

  private onComment(actor: Actor | null, at: number): void {
    this.respond(actor, at);
    const isReporter = actor?.login === this.input.issue.author.login;
    if (isReporter && this.rules.resumeOnReporterReply && this.isPaused()) {
      this.resumedByReporter = true;
      this.endPause(at);
    }
  }

  private onLabel(event: IssueEvent, at: number): void {
    if (this.rules.countLabelChanges) this.respond(event.actor, at);
    const label = event.label ?? "";
    if (!this.rules.pauseLabels.includes(label)) return;
    const wasPaused = this.isPaused();
    if (event.event === "labeled") {
      this.activePauseLabels.add(label);
      this.resumedByReporter = false;
    } else {
      this.activePauseLabels.delete(label);
    }
    if (!wasPaused && this.isPaused()) this.startPause(at);
    if (wasPaused && !this.isPaused()) this.endPause(at);
  }

  private onClosed(at: number): void {
    if (!this.open) return;
    this.endPause(at);
    this.current.end = at;
  }

  private onReopened(actor: Actor | null, at: number): void {
    if (this.open) return;
    this.cycles.push({ index: this.cycles.length + 1, start: at, pauses: [] });
    // A maintainer reopening the issue has looked at it: that is this cycle's response.
    this.respond(actor, at);
    if (this.isPaused()) this.startPause(at);
  }

  private isPaused(): boolean {
    return this.activePauseLabels.size > 0 && !this.resumedByReporter;
  }

  private startPause(at: number): void {
    if (this.open) this.current.pauses.push({ start: at });
  }

  private endPause(at: number): void {
    const last = this.current.pauses[this.current.pauses.length - 1];
    if (last && last.end === undefined) last.end = at;
  }

  finish(): Cycle[] {
    const { issue } = this.input;
    // Events may be missing (a partial export): the issue's own state has the last word.
    if (issue.state === "closed" && this.open) {
      const closedAt = Date.parse(issue.closedAt ?? issue.updatedAt);
      this.onClosed(Math.max(closedAt, this.current.start));
    }
    return this.cycles;
  }
}
