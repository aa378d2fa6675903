// The title and body of a security-window issue, filled from its findings. Everything that came
// from a payload (titles, paths, hints) is rendered inert.

import { codeSpan, inlineText, safeUrl } from "../../text/untrusted-markdown.ts";
import { formatDuration } from "../../time/duration.ts";
import { DEFAULT_SECURITY_WINDOW_TEMPLATE } from "../default-templates.ts";
import { formatInstant } from "../format-time.ts";
import { type CustomTemplate, compileCustom } from "../rca/body.ts";
import { type CompiledTemplate, compileTemplate, renderTemplate } from "../template.ts";
import type { Finding } from "./finding.ts";
import { windowMarkers } from "./stored.ts";
import type { PatchWindow } from "./window.ts";

export const SECURITY_TEMPLATE_VARIABLES = [
  "deadline",
  "window",
  "severity",
  "calendar",
  "summary",
  "findings",
  "affected",
  "fix",
  "key",
] as const;

export interface WindowBodyInput {
  key: string;
  findings: Finding[];
  window: PatchWindow | undefined;
  calendarName: string;
  zone: string;
  template?: CustomTemplate;
}

export function windowTitle(key: string, findings: Finding[]): string {
  const first = findings[0];
  if (!first) return `Security window: ${key}`;
  if (key.startsWith("package:"))
    return `Security window: ${first.package} (${findings.length} finding${findings.length === 1 ? "" : "s"})`;
  const subject = first.package ?? first.rule ?? first.id;
  const what = first.title ? `${first.title} in ${subject}` : subject;
  return `Security window: ${oneLine(what)}`;
}

export function renderWindowBody(input: WindowBodyInput): { body: string; templateError?: string } {
  const custom = compileCustom(input.template, SECURITY_TEMPLATE_VARIABLES);
  const templateError = custom.error;
  const template = custom.template;
  const body = renderTemplate(template ?? builtIn(), windowValues(input)).trimEnd();
  const warning = templateError
    ? `\n\n> [!WARNING]\n> The security-window template could not be used, so the built-in one was:\n${templateError
        .split("\n")
        .map((line) => `> ${codeSpan(line, 500)}`)
        .join("\n")}`
    : "";
  return {
    body: `${body}${warning}\n\n${windowMarkers(input.key, input.findings)}\n`,
    templateError,
  };
}

function builtIn(): CompiledTemplate {
  const result = compileTemplate(DEFAULT_SECURITY_WINDOW_TEMPLATE, SECURITY_TEMPLATE_VARIABLES);
  if (!result.ok)
    throw new Error(`built-in security-window template is invalid: ${result.problems[0]?.message}`);
  return result.template;
}

function windowValues(input: WindowBodyInput): Record<string, string> {
  const { window, zone } = input;
  const open = input.findings.filter((finding) => finding.state === "open");
  const paths = [...new Set(input.findings.flatMap((finding) => finding.manifestPaths ?? []))];
  const hints = [...new Set(open.flatMap((finding) => (finding.fixHint ? [finding.fixHint] : [])))];
  return {
    deadline: window ? formatInstant(window.deadline, zone) : "none (no open findings)",
    window: window ? formatDuration(window.windowMs) : "no",
    severity: window?.severity ?? "resolved",
    calendar:
      input.calendarName === "24x7"
        ? "counted 24x7"
        : `counted on the ${inlineText(input.calendarName)} calendar`,
    summary: summaryLine(input.findings),
    findings: input.findings.map(findingLine).join("\n"),
    affected:
      paths.length > 0
        ? paths.map((path) => `- ${codeSpan(path, 300)}`).join("\n")
        : "- not reported",
    fix:
      hints.length > 0
        ? hints.map((hint) => `- ${inlineText(hint)}`).join("\n")
        : "- no fix hint reported",
    key: inlineText(input.key),
  };
}

function summaryLine(findings: Finding[]): string {
  const open = findings.filter((finding) => finding.state === "open").length;
  return `${open} of ${findings.length} finding${findings.length === 1 ? "" : "s"} open.`;
}

function findingLine(finding: Finding): string {
  const url = safeUrl(finding.url);
  const id = url ? `[${inlineText(finding.id)}](${url})` : codeSpan(finding.id, 100);
  const subject = [finding.package, finding.rule]
    .filter(Boolean)
    .map((text) => inlineText(text!))
    .join(" · ");
  const title = finding.title ? ` ${inlineText(finding.title, 160)}` : "";
  const aliases = finding.aliases?.length ? ` (${finding.aliases.map(aliasLink).join(", ")})` : "";
  const box = finding.state === "open" ? "[ ]" : "[x]";
  const state = finding.state === "open" ? "" : ` — ${finding.state}`;
  return `- ${box} **${finding.severity}** ${id}${aliases}${subject ? ` · ${subject}` : ""}${title} · ${finding.source}${state}`;
}

/** Advisory ids link to their public pages; anything else is shown as text. */
function aliasLink(alias: string): string {
  if (/^GHSA(-[23456789cfghjmpqrvwx]{4}){3}$/.test(alias))
    return `[${alias}](https://github.com/advisories/${alias})`;
  if (/^CVE-\d{4}-\d{4,}$/.test(alias))
    return `[${alias}](https://nvd.nist.gov/vuln/detail/${alias})`;
  return inlineText(alias);
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 200 ? `${flat.slice(0, 199)}…` : flat;
}
