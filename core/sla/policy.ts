// Which goals apply to an issue: its severity (read from triage's severity labels) and the first
// matching `sla.rules` entry, over the calendars the config defines.
import type { ConfigProblem } from "../config/errors.ts";
import { type Severity, severityNames } from "../config/fields.ts";
import { parseDuration } from "../time/duration.ts";
import type { TriageConfig } from "../triage/config.ts";
import { ALWAYS_CALENDAR, buildCalendar, type WorkCalendar } from "./calendar.ts";
import { ALWAYS, type SlaConfig, type SlaRule } from "./config.ts";
import { parseIcsHolidays } from "./ics.ts";

export type GoalKind = "response" | "resolution";

export interface SlaGoal {
  kind: GoalKind;
  ms: number;
  calendar: WorkCalendar;
}

export interface IssuePolicy {
  severity: Severity | null;
  goals: Partial<Record<GoalKind, SlaGoal>>;
  /** "severity" or "rule N" (1-based), for the status comment. */
  source: string;
}

/** The severity an issue's labels give it; the most severe wins when there are several. */
export function severityFromLabels(labels: string[], triage: TriageConfig): Severity | null {
  const present = new Set(labels.map((label) => label.toLowerCase()));
  for (const severity of severityNames) {
    if (present.has(triage.labels[severity].name.toLowerCase())) return severity;
  }
  return null;
}

export type Calendars = ReadonlyMap<string, WorkCalendar>;

/**
 * Builds every calendar of the config. `icsFiles` maps a calendar's `holidaysIcs` path to the
 * file's text (undefined when the file does not exist), read by the face beforehand.
 */
export function buildCalendars(
  sla: SlaConfig,
  icsFiles: Readonly<Record<string, string | undefined>>,
  file = ".github/upkeep.yml",
): { calendars: Calendars; problems: ConfigProblem[] } {
  const calendars = new Map<string, WorkCalendar>([[ALWAYS, ALWAYS_CALENDAR]]);
  const problems: ConfigProblem[] = [];
  for (const [name, config] of Object.entries(sla.calendars)) {
    const path = `sla.calendars.${name}.holidaysIcs`;
    let extra: string[] = [];
    if (config.holidaysIcs) {
      const text = icsFiles[config.holidaysIcs];
      if (text === undefined) {
        problems.push({ file, path, message: `file "${config.holidaysIcs}" does not exist` });
      } else {
        const parsed = parseIcsHolidays(text);
        extra = parsed.dates;
        for (const problem of parsed.problems) {
          problems.push({
            file: config.holidaysIcs,
            path: "",
            line: problem.line,
            message: problem.message,
          });
        }
      }
    }
    calendars.set(name, buildCalendar(name, config, extra));
  }
  return { calendars, problems };
}

/** Paths of ICS files the config refers to, so faces know what to read. */
export function icsPaths(sla: SlaConfig): string[] {
  return Object.values(sla.calendars).flatMap((calendar) =>
    calendar.holidaysIcs ? [calendar.holidaysIcs] : [],
  );
}

export interface PolicySubject {
  labels: string[];
  /** GitHub issue type name (e.g. "Bug"), when known. */
  type?: string | null;
}

export function issuePolicy(
  subject: PolicySubject,
  sla: SlaConfig,
  triage: TriageConfig,
  calendars: Calendars,
): IssuePolicy {
  const severity = severityFromLabels(subject.labels, triage);
  // Only issues with a severity have an SLA; rules refine their goals.
  if (!severity) return { severity, goals: {}, source: "severity" };
  const base = severity ? sla.goals[severity] : undefined;
  const ruleIndex = sla.rules.findIndex((rule) => ruleMatches(rule, subject, severity));
  const rule = ruleIndex >= 0 ? sla.rules[ruleIndex] : undefined;
  const chosen = { ...base, ...definedGoalFields(rule) };
  const calendar =
    calendars.get(chosen.calendar ?? sla.calendar) ?? calendars.get(ALWAYS) ?? ALWAYS_CALENDAR;
  const goals: IssuePolicy["goals"] = {};
  for (const kind of ["response", "resolution"] as const) {
    const ms = chosen[kind] ? parseDuration(chosen[kind]) : undefined;
    if (ms) goals[kind] = { kind, ms, calendar };
  }
  return { severity, goals, source: rule ? `rule ${ruleIndex + 1}` : "severity" };
}

function definedGoalFields(rule: SlaRule | undefined) {
  if (!rule) return {};
  const fields: { response?: string; resolution?: string; calendar?: string } = {};
  if (rule.response) fields.response = rule.response;
  if (rule.resolution) fields.resolution = rule.resolution;
  if (rule.calendar) fields.calendar = rule.calendar;
  return fields;
}

function ruleMatches(rule: SlaRule, subject: PolicySubject, severity: Severity | null): boolean {
  const labels = new Set(subject.labels.map((label) => label.toLowerCase()));
  const { match } = rule;
  if (match.labels && !match.labels.every((label) => labels.has(label.toLowerCase()))) return false;
  if (match.anyLabels && !match.anyLabels.some((label) => labels.has(label.toLowerCase())))
    return false;
  if (match.type && match.type.toLowerCase() !== (subject.type ?? "").toLowerCase()) return false;
  if (match.severity && match.severity !== severity) return false;
  return true;
}
