// Security windows as a reconciler: from the tracking issues that exist and the findings just
// reported, the list of writes that makes GitHub match. Running it twice changes nothing.
import type { WorkCalendar } from "../calendar.ts";
import type { SecurityWindowsConfig } from "../config.ts";
import { markerValue, withoutCreateStamp } from "../markers.ts";
import type { CustomTemplate } from "../rca/body.ts";
import { renderWindowBody, windowTitle } from "./body.ts";
import { type Finding, type FindingSource, severityAtLeast, trackingKey } from "./finding.ts";
import {
  DEFAULT_STAGE_LABELS,
  desiredLabels,
  isManagedLabel,
  isStageLabel,
  type StageLabels,
} from "./labels.ts";
import { aliasIndex, knownAs, mergeFindings } from "./merge.ts";
import { closeComment, duplicateComment, reopenComment } from "./messages.ts";
import type { TrackedWindow } from "./stored.ts";
import { patchWindow, windowStage } from "./window.ts";

export type { StageLabels } from "./labels.ts";

export type WindowAction =
  | { kind: "create"; key: string; title: string; body: string; labels: string[] }
  | { kind: "update"; number: number; body?: string; addLabels: string[]; removeLabels: string[] }
  | { kind: "close"; number: number; body: string; comment: string; removeLabels: string[] }
  | { kind: "reopen"; number: number; body: string; comment: string; addLabels: string[] }
  | { kind: "close-duplicate"; number: number; original: number; comment: string };

export interface WindowPlanInput {
  existing: TrackedWindow[];
  findings: Finding[];
  config: SecurityWindowsConfig;
  calendar: WorkCalendar;
  now: Date;
  zone: string;
  template?: CustomTemplate;
  /** The SLA section's at-risk and breached labels (`sla.labels`). */
  stageLabels?: StageLabels;
  /** The findings are everything these sources report now: open findings missing from them are fixed. */
  completeSources?: FindingSource[];
}

/** What one window should look like after this report. */
interface DesiredWindow {
  key: string;
  findings: Finding[];
  open: Finding[];
  newlyOpen: Finding[];
  newlyResolved: Finding[];
  body: string;
  labels: string[];
}

export function planSecurityWindows(input: WindowPlanInput): WindowAction[] {
  const actions: WindowAction[] = [];
  const canonical = new Map<string, TrackedWindow>();
  for (const [key, windows] of groupBy(input.existing, (window) => window.key)) {
    const { keep, duplicates } = pickCanonical(windows);
    canonical.set(key, keep);
    for (const duplicate of duplicates) {
      const comment = duplicateComment(keep.number);
      actions.push({
        kind: "close-duplicate",
        number: duplicate.number,
        original: keep.number,
        comment,
      });
    }
  }
  const sameProblem = aliasIndex(canonical.values());
  const incoming = groupBy(input.findings, (finding) => {
    const key = markerValue(trackingKey(finding, input.config.groupBy));
    return canonical.has(key) ? key : (knownAs(finding, sameProblem) ?? key);
  });
  for (const key of new Set([...incoming.keys(), ...canonical.keys()])) {
    const window = canonical.get(key);
    const action = actionFor(
      window,
      desiredWindow(key, window, incoming.get(key) ?? [], input),
      input,
    );
    if (action) actions.push(action);
  }
  return actions;
}

function desiredWindow(
  key: string,
  window: TrackedWindow | undefined,
  reported: Finding[],
  input: WindowPlanInput,
): DesiredWindow {
  const previous = window?.findings ?? [];
  const wasOpen = (finding: Finding) =>
    previous.find((old) => old.id === finding.id)?.state === "open";
  const findings = mergeFindings(previous, reported, input.completeSources, input.now);
  const open = findings.filter((finding) => finding.state === "open");
  const patch = patchWindow(open, input.config, input.calendar);
  const stage = patch ? windowStage(patch, input.now) : undefined;
  const { body } = renderWindowBody({
    key,
    findings,
    window: patch,
    calendarName: input.config.calendar,
    zone: input.zone,
    template: input.template,
  });
  return {
    key,
    findings,
    open,
    newlyOpen: open.filter((finding) => !wasOpen(finding)),
    newlyResolved: findings.filter((finding) => finding.state !== "open" && wasOpen(finding)),
    body,
    labels: desiredLabels(
      input.config,
      input.stageLabels ?? DEFAULT_STAGE_LABELS,
      patch?.severity,
      stage,
    ),
  };
}

function actionFor(
  window: TrackedWindow | undefined,
  desired: DesiredWindow,
  input: WindowPlanInput,
): WindowAction | undefined {
  const { body, labels } = desired;
  if (!window) {
    const worthTracking = desired.open.some((finding) =>
      severityAtLeast(finding.severity, input.config.minSeverity),
    );
    return worthTracking
      ? {
          kind: "create",
          key: desired.key,
          title: windowTitle(desired.key, desired.findings),
          body,
          labels,
        }
      : undefined;
  }
  const stageLabels = input.stageLabels ?? DEFAULT_STAGE_LABELS;
  const addLabels = labels.filter((label) => !window.labels.includes(label));
  const removeLabels = window.labels.filter(
    (label) => isManagedLabel(input.config, stageLabels, label) && !labels.includes(label),
  );
  // Closed only on a resolution seen now: a window a person reopened by hand stays open.
  if (window.state === "open" && desired.open.length === 0 && desired.newlyResolved.length > 0) {
    const stale = window.labels.filter((label) => isStageLabel(stageLabels, label));
    return {
      kind: "close",
      number: window.number,
      body,
      comment: closeComment(desired.newlyResolved, input.zone),
      removeLabels: stale,
    };
  }
  if (window.state === "closed") {
    if (desired.newlyOpen.length === 0) return undefined;
    return {
      kind: "reopen",
      number: window.number,
      body,
      comment: reopenComment(desired.newlyOpen),
      addLabels,
    };
  }
  const changedBody = sameBody(body, window.body) ? undefined : body;
  if (!changedBody && addLabels.length === 0 && removeLabels.length === 0) return undefined;
  return { kind: "update", number: window.number, body: changedBody, addLabels, removeLabels };
}

/** The oldest open issue is the real one; with none open, the newest closed one. */
function pickCanonical(windows: TrackedWindow[]): {
  keep: TrackedWindow;
  duplicates: TrackedWindow[];
} {
  const byAge = [...windows].sort((a, b) => a.number - b.number);
  const openOnes = byAge.filter((window) => window.state === "open");
  const keep = openOnes[0] ?? byAge.at(-1)!;
  return { keep, duplicates: openOnes.filter((window) => window !== keep) };
}

function sameBody(a: string, b: string): boolean {
  const plain = (text: string) => withoutCreateStamp(text.replace(/\r\n/g, "\n")).trim();
  return plain(a) === plain(b);
}

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return groups;
}
