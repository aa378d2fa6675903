// A person's severity choice outlives every rule: once someone who is not a bot sets or removes a
// severity label, Upkeep keeps its hands off that issue's severity, until an authorised
// `/severity` command (itself a human choice) says otherwise. Both are read from the timeline.
import type { Severity } from "../config/fields.ts";
import { type IssueEvent, isBot } from "../model/issue.ts";
import { parseSeverityCommand } from "./command.ts";
import type { TriageConfig } from "./config.ts";
import { sameLabel, severityOfLabel } from "./labels.ts";

export type HumanChoice =
  | { kind: "label"; actor: string; at: string; severity: Severity | null }
  | { kind: "command"; actor: string; at: string; severity: Severity };

/** Logins whose `/severity` comments on this issue need a permission check. */
export function commandAuthors(events: IssueEvent[]): string[] {
  const logins = new Set<string>();
  for (const event of events) {
    if (event.event !== "commented" || !event.actor || isBot(event.actor)) continue;
    if (parseSeverityCommand(event.body ?? "")?.kind === "set") logins.add(event.actor.login);
  }
  return [...logins];
}

/**
 * The latest human choice, if any. `authorised` says which command authors may set severity;
 * `labels` are the issue's current labels (a severity label no bot applied is a human's too).
 */
export function latestHumanChoice(
  events: IssueEvent[],
  labels: string[],
  config: TriageConfig,
  authorised: (login: string) => boolean,
): HumanChoice | undefined {
  const ordered = [...events].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  for (const event of ordered.reverse()) {
    if (!event.actor || isBot(event.actor)) continue;
    const severityEvent = (event.event === "labeled" || event.event === "unlabeled") && event.label;
    if (severityEvent && severityOfLabel(config, event.label as string)) {
      // The event is newer than the labels the webhook carried: trust it for what was chosen.
      const label = event.label as string;
      const severity =
        event.event === "labeled"
          ? severityOfLabel(config, label)
          : currentSeverity(
              labels.filter((other) => !sameLabel(other, label)),
              config,
            );
      return {
        kind: "label",
        actor: event.actor.login,
        at: event.createdAt,
        severity: severity ?? null,
      };
    }
    if (event.event === "commented" && authorised(event.actor.login)) {
      const command = parseSeverityCommand(event.body ?? "");
      if (command?.kind === "set")
        return {
          kind: "command",
          actor: event.actor.login,
          at: event.createdAt,
          severity: command.severity,
        };
    }
  }
  return severityLabelNoBotApplied(events, labels, config);
}

function currentSeverity(labels: string[], config: TriageConfig): Severity | undefined {
  for (const label of labels) {
    const severity = severityOfLabel(config, label);
    if (severity) return severity;
  }
  return undefined;
}

/** A severity label on the issue that no bot's labeled event explains was put there by a person. */
function severityLabelNoBotApplied(
  events: IssueEvent[],
  labels: string[],
  config: TriageConfig,
): HumanChoice | undefined {
  for (const label of labels) {
    const severity = severityOfLabel(config, label);
    if (!severity) continue;
    const byBot = events.some(
      (event) =>
        event.event === "labeled" &&
        isBot(event.actor) &&
        event.label !== undefined &&
        severityOfLabel(config, event.label) === severity,
    );
    if (!byBot) return { kind: "label", actor: "the issue's author", at: "", severity };
  }
  return undefined;
}
