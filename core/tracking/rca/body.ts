// The RCA issue's body: the maintainer's template (or the built-in one) filled from the incident.
import type { Severity } from "../../config/fields.ts";
import type { Issue } from "../../model/issue.ts";
import { codeSpan, inlineText, loginText } from "../../text/untrusted-markdown.ts";
import { formatDuration } from "../../time/duration.ts";
import { DEFAULT_RCA_TEMPLATE } from "../default-templates.ts";
import { formatInstant } from "../format-time.ts";
import { writeMarker } from "../markers.ts";
import {
  type CompiledTemplate,
  compileTemplate,
  formatTemplateProblem,
  renderTemplate,
} from "../template.ts";
import { renderTimelineBlock } from "./render-timeline.ts";
import type { TimelineEntry } from "./timeline.ts";

export const RCA_MARKER = "rca";

export const RCA_TEMPLATE_VARIABLES = [
  "incident_title",
  "incident_number",
  "incident_link",
  "incident_url",
  "severity",
  "closed_by",
  "assignees",
  "due",
  "started_at",
  "ended_at",
  "duration",
  "first_response",
  "timeline",
] as const;

export interface CustomTemplate {
  path: string;
  /** Undefined when the file does not exist in the repository. */
  text: string | undefined;
}

/** The compiled custom template, or the error that sends the caller to the built-in one. */
export function compileCustom(
  template: CustomTemplate | undefined,
  names: readonly string[],
): { template?: CompiledTemplate; error?: string } {
  if (!template) return {};
  if (template.text === undefined) {
    return { error: `${template.path}: not found in the repository` };
  }
  const result = compileTemplate(template.text, names);
  if (result.ok) return { template: result.template };
  const lines = result.problems.map((problem) => formatTemplateProblem(template.path, problem));
  return { error: lines.join("\n") };
}

export interface RcaBodyInput {
  incident: Issue;
  severity: Severity;
  timeline: TimelineEntry[];
  closedBy: string | null;
  closedAt: string;
  assignees: string[];
  dueAt: Date | null;
  zone: string;
  template?: CustomTemplate;
}

export interface RcaBody {
  body: string;
  /** Set when the custom template could not be used (the built-in one was). */
  templateError?: string;
}

export function renderRcaBody(input: RcaBodyInput): RcaBody {
  const values = templateValues(input);
  const custom = compileCustom(input.template, RCA_TEMPLATE_VARIABLES);
  const templateError = custom.error;
  const template = custom.template ?? builtInTemplate();
  let body = renderTemplate(template, values).trimEnd();
  // Appending later needs the timeline block, so a template without one still gets it.
  if (!template.names.has("timeline")) body += `\n\n### Timeline\n${values.timeline}`;
  if (templateError)
    body += `\n\n> [!WARNING]\n> The RCA template could not be used, so the built-in one was:\n${templateError
      .split("\n")
      .map((line) => `> ${codeSpan(line, 500)}`)
      .join("\n")}`;
  const marker = writeMarker(RCA_MARKER, {
    incident: String(input.incident.number),
    ...(input.dueAt ? { due: input.dueAt.toISOString() } : {}),
    through: lastEntryTime(input.timeline) ?? input.closedAt,
  });
  return { body: `${body}\n\n${marker}\n`, templateError };
}

function builtInTemplate(): CompiledTemplate {
  const result = compileTemplate(DEFAULT_RCA_TEMPLATE, RCA_TEMPLATE_VARIABLES);
  if (!result.ok)
    throw new Error(`built-in RCA template is invalid: ${result.problems[0]?.message}`);
  return result.template;
}

function templateValues(input: RcaBodyInput): Record<string, string> {
  const { incident, zone } = input;
  const response = input.timeline.find((entry) => entry.kind === "response");
  const started = incident.createdAt;
  return {
    incident_title: inlineText(incident.title, 200),
    incident_number: String(incident.number),
    incident_link: `#${incident.number}`,
    incident_url: incident.htmlUrl,
    severity: input.severity,
    closed_by: input.closedBy ? loginText(input.closedBy) : "unknown",
    assignees: input.assignees.map(loginText).join(", ") || "none",
    due: input.dueAt ? formatInstant(input.dueAt, zone) : "none",
    started_at: formatInstant(started, zone),
    ended_at: formatInstant(input.closedAt, zone),
    duration: formatDuration(Date.parse(input.closedAt) - Date.parse(started)),
    first_response: response
      ? `${formatInstant(response.at, zone)} by ${loginText(response.actor ?? "unknown")}`
      : "none recorded",
    timeline: renderTimelineBlock(input.timeline, zone),
  };
}

export function lastEntryTime(entries: TimelineEntry[]): string | undefined {
  return entries.reduce<string | undefined>(
    (latest, entry) => (!latest || Date.parse(entry.at) > Date.parse(latest) ? entry.at : latest),
    undefined,
  );
}
