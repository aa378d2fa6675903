// Security windows as a reconciler: from the tracking issues that exist and the findings just
// reported, the list of writes that makes GitHub match. Running it twice changes nothing.
import type { WorkCalendar } from "../calendar.ts";
import type { SecurityWindowsConfig } from "../config.ts";
import { markerValue } from "../markers.ts";
import type { CustomTemplate } from "../rca/body.ts";
import { renderWindowBody, windowTitle } from "./body.ts";
import { type Finding, type FindingSource, severityAtLeast, trackingKey } from "./finding.ts";
import { closeComment, duplicateComment, reopenComment } from "./messages.ts";
import type { TrackedWindow } from "./stored.ts";
import { patchWindow, windowStage } from "./window.ts";

export interface StageLabels {
  atRisk: string;
  breached: string;
}

const DEFAULT_STAGE_LABELS: StageLabels = { atRisk: "sla: at-risk", breached: "sla: breached" };

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

export function planSecurityWindows(input: WindowPlanInput): WindowAction[] {
  const actions: WindowAction[] = [];
  const canonical = new Map<string, TrackedWindow>();
  for (const [key, windows] of groupBy(input.existing, (window) => window.key)) {
    const { keep, duplicates } = pickCanonical(windows);
    canonical.set(key, keep);
    for (const duplicate of duplicates) {
      actions.push({
        kind: "close-duplicate",
        number: duplicate.number,
        original: keep.number,
        comment: duplicateComment(keep.number),
      });
    }
  }
  const sameProblem = aliasIndex([...canonical.values()]);
  const incoming = groupBy(input.findings, (finding) => {
    const key = markerValue(trackingKey(finding, input.config.groupBy));
    return canonical.has(key) ? key : (knownAs(finding, sameProblem) ?? key);
  });
  const keys = new Set([...incoming.keys(), ...canonical.keys()]);
  for (const key of keys) {
    const action = planOne(key, canonical.get(key), incoming.get(key) ?? [], input);
    if (action) actions.push(action);
  }
  return actions;
}

function planOne(
  key: string,
  window: TrackedWindow | undefined,
  reported: Finding[],
  input: WindowPlanInput,
): WindowAction | undefined {
  const previous = window?.findings ?? [];
  const merged = mergeFindings(previous, reported, input);
  const open = merged.filter((finding) => finding.state === "open");
  const newlyOpen = open.filter(
    (finding) => previous.find((old) => old.id === finding.id)?.state !== "open",
  );
  const newlyResolved = merged.filter(
    (finding) =>
      finding.state !== "open" && previous.find((old) => old.id === finding.id)?.state === "open",
  );
  const patch = patchWindow(open, input.config, input.calendar);
  const { body } = renderWindowBody({
    key,
    findings: merged,
    window: patch,
    calendarName: input.config.calendar,
    zone: input.zone,
    template: input.template,
  });
  const stage = patch ? windowStage(patch, input.now) : undefined;
  const stageLabels = input.stageLabels ?? DEFAULT_STAGE_LABELS;
  const wanted = desiredLabels(input.config, stageLabels, patch?.severity, stage);
  if (!window) {
    const worthTracking = open.some((finding) =>
      severityAtLeast(finding.severity, input.config.minSeverity),
    );
    return worthTracking
      ? { kind: "create", key, title: windowTitle(key, merged), body, labels: wanted }
      : undefined;
  }
  const managed = managedLabels(input.config, stageLabels);
  const addLabels = wanted.filter((label) => !window.labels.includes(label));
  const removeLabels = window.labels.filter((label) => managed(label) && !wanted.includes(label));
  // Closed only on a resolution seen now: a window a person reopened by hand stays open.
  if (window.state === "open" && open.length === 0 && newlyResolved.length > 0) {
    const stale = window.labels.filter(
      (label) => label === stageLabels.atRisk || label === stageLabels.breached,
    );
    return {
      kind: "close",
      number: window.number,
      body,
      comment: closeComment(newlyResolved, input.zone),
      removeLabels: stale,
    };
  }
  if (window.state === "closed" && newlyOpen.length > 0) {
    return {
      kind: "reopen",
      number: window.number,
      body,
      comment: reopenComment(newlyOpen),
      addLabels,
    };
  }
  if (window.state === "closed") return undefined;
  const changedBody = sameBody(body, window.body) ? undefined : body;
  if (!changedBody && addLabels.length === 0 && removeLabels.length === 0) return undefined;
  return { kind: "update", number: window.number, body: changedBody, addLabels, removeLabels };
}

/** Reported findings replace what was stored; with complete sources, silence means fixed. */
function mergeFindings(
  previous: Finding[],
  reported: Finding[],
  input: WindowPlanInput,
): Finding[] {
  const byId = new Map(previous.map((finding) => [finding.id, finding]));
  for (const finding of reported) {
    const old = byId.get(finding.id);
    // The window counts from the first sighting, even when a later report says otherwise.
    const firstSeenAt =
      old && Date.parse(old.firstSeenAt) < Date.parse(finding.firstSeenAt)
        ? old.firstSeenAt
        : finding.firstSeenAt;
    byId.set(finding.id, { ...finding, firstSeenAt });
  }
  const reportedIds = new Set(reported.map((finding) => finding.id));
  for (const [id, finding] of byId) {
    if (
      finding.state === "open" &&
      !reportedIds.has(id) &&
      input.completeSources?.includes(finding.source)
    ) {
      byId.set(id, {
        ...finding,
        state: "fixed",
        resolution: "no longer reported by the scan",
        resolvedAt: input.now.toISOString(),
      });
    }
  }
  return [...byId.values()];
}

function desiredLabels(
  config: SecurityWindowsConfig,
  stageLabels: StageLabels,
  severity: string | undefined,
  stage: string | undefined,
): string[] {
  const labels = [...config.labels];
  if (severity && config.severityLabelPrefix)
    labels.push(`${config.severityLabelPrefix}${severity}`);
  if (stage === "at-risk") labels.push(stageLabels.atRisk);
  if (stage === "breached") labels.push(stageLabels.breached);
  return labels;
}

/** Labels Upkeep sets and may therefore take away; people's own labels are left alone. */
function managedLabels(
  config: SecurityWindowsConfig,
  stageLabels: StageLabels,
): (label: string) => boolean {
  return (label) =>
    label === stageLabels.atRisk ||
    label === stageLabels.breached ||
    (config.severityLabelPrefix !== "" && label.startsWith(config.severityLabelPrefix));
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
  return a.replace(/\r\n/g, "\n").trim() === b.replace(/\r\n/g, "\n").trim();
}

/**
 * The same advisory on the same package, reported by two sources (Dependabot and Upkeep's scan),
 * is one problem with one deadline: advisory ids and aliases, per package, point at the window.
 */
function aliasIndex(windows: TrackedWindow[]): Map<string, string> {
  const index = new Map<string, string>();
  for (const window of windows) {
    for (const finding of window.findings) {
      for (const token of problemTokens(finding))
        if (!index.has(token)) index.set(token, window.key);
    }
  }
  return index;
}

function knownAs(finding: Finding, index: Map<string, string>): string | undefined {
  for (const token of problemTokens(finding)) {
    const key = index.get(token);
    if (key) return key;
  }
  return undefined;
}

function problemTokens(finding: Finding): string[] {
  if (!finding.package) return [];
  const where = `${finding.ecosystem ?? ""}/${finding.package}`.toLowerCase();
  const names = (finding.aliases ?? []).filter((alias) =>
    /^(GHSA|CVE|OSV|PYSEC|GO|RUSTSEC)-/i.test(alias),
  );
  return names.map((name) => `${name.toUpperCase()}@${where}`);
}

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return groups;
}
