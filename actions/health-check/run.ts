// One scheduled health-check run: probe, read the status issue's history, decide, write the difference.

import type { Severity } from "../../core/config/fields.ts";
import type { HealthConfig } from "../../core/health/config.ts";
import type { IncidentAction, IncidentIssue } from "../../core/health/incident.ts";
import { incidentMarker } from "../../core/health/incident.ts";
import { type CheckOutcome, type HealthRunPlan, planHealthRun } from "../../core/health/plan.ts";
import { readStatusMarker } from "../../core/health/status.ts";
import { type Issue, isWrittenBy } from "../../core/model/issue.ts";
import type { Clock } from "../../core/time/clock.ts";
import { formatDuration } from "../../core/time/duration.ts";
import type { TriageConfig } from "../../core/triage/config.ts";
import { severityLabel, severityOfLabel } from "../../core/triage/labels.ts";
import type { GitHubPort } from "../../github/port.ts";

export interface HealthRunResult {
  plan: HealthRunPlan;
  statusIssue: number;
  /** Incident issue numbers touched this run, by probe. */
  incidents: Record<string, { number: number; action: IncidentAction["kind"] }>;
}

export interface HealthRunInput {
  port: GitHubPort;
  health: HealthConfig;
  triage: TriageConfig;
  clock: Clock;
  check: (probeName: string) => Promise<CheckOutcome>;
}

export async function runHealthCheck(input: HealthRunInput): Promise<HealthRunResult> {
  const { port, health, triage, clock } = input;
  const results = new Map<string, CheckOutcome>();
  await Promise.all(
    health.probes.map(async (probe) => results.set(probe.name, await input.check(probe.name))),
  );
  const now = clock.now().getTime();

  const statusIssue = await findStatusIssue(port, health.statusLabel);
  const incidents = await findIncidents(port, health, triage);
  const plan = planHealthRun({
    config: health,
    previous: statusIssue ? readStatusMarker(statusIssue.body) : new Map(),
    results,
    incidents: new Map([...incidents].map(([probe, found]) => [probe, found.summary])),
    now,
  });

  let statusNumber: number;
  if (statusIssue) {
    await port.updateIssue(statusIssue.number, { body: plan.statusBody });
    statusNumber = statusIssue.number;
  } else {
    const created = await port.createIssue({
      title: "Upkeep health status",
      body: plan.statusBody,
      labels: [health.statusLabel],
      key: "health-status",
    });
    statusNumber = created.number;
  }
  const touched: HealthRunResult["incidents"] = {};
  for (const { probe, action } of plan.incidents) {
    const number = await applyIncident(port, action, health, triage);
    if (number !== undefined) touched[probe] = { number, action: action.kind };
  }
  return { plan, statusIssue: statusNumber, incidents: touched };
}

async function findStatusIssue(port: GitHubPort, label: string): Promise<Issue | undefined> {
  for await (const issue of port.listIssues({
    state: "all",
    labels: [label],
    sort: "created",
    direction: "asc",
  })) {
    if (!issue.isPullRequest && isOwnWith(port, issue, "<!-- upkeep:health-status")) return issue;
  }
  return undefined;
}

/** The newest incident issue per probe, found by its marker through the list API (search lags). */
async function findIncidents(port: GitHubPort, health: HealthConfig, triage: TriageConfig) {
  const found = new Map<string, { summary: IncidentIssue }>();
  const wanted = new Map(health.probes.map((probe) => [incidentMarker(probe.name), probe.name]));
  for await (const issue of port.listIssues({
    state: "all",
    labels: [health.incidentLabel],
    sort: "created",
    direction: "desc",
  })) {
    const marker = [...wanted.keys()].find((text) => isOwnWith(port, issue, text));
    const probe = marker ? wanted.get(marker) : undefined;
    if (!probe || found.has(probe)) continue;
    const severity = issue.labels.map((label) => severityOfLabel(triage, label)).find(Boolean);
    found.set(probe, {
      summary: {
        number: issue.number,
        state: issue.state,
        closedAt: issue.closedAt,
        ...(severity ? { severity } : {}),
      },
    });
  }
  return found;
}

async function applyIncident(
  port: GitHubPort,
  action: IncidentAction,
  health: HealthConfig,
  triage: TriageConfig,
) {
  const labelFor = (severity: Severity) => severityLabel(triage, severity);
  switch (action.kind) {
    case "none":
      return undefined;
    case "open": {
      const issue = await port.createIssue({
        title: action.title,
        body: action.body,
        labels: [health.incidentLabel, labelFor(action.severity)],
        // The body names the probe and when it started failing: one issue per incident.
        key: `health-incident:${action.body}`,
      });
      return issue.number;
    }
    case "reopen":
    case "escalate": {
      await swapSeverity(port, action.number, labelFor(action.severity), triage);
      if (action.kind === "reopen")
        await port.updateIssue(action.number, { state: "open", stateReason: "reopened" });
      await port.createComment(
        action.number,
        action.comment,
        `health-${action.kind}:${action.number}:${action.comment}`,
      );
      return action.number;
    }
    case "close": {
      await port.createComment(
        action.number,
        `${action.comment} Downtime: ${formatDuration(action.downtimeMs)}.`,
        `health-close:${action.number}:${action.comment}`,
      );
      await port.updateIssue(action.number, { state: "closed", stateReason: "completed" });
      return action.number;
    }
  }
}

/** Our issue carrying `marker`; the same marker in someone else's issue is not ours. */
function isOwnWith(port: GitHubPort, issue: Issue, marker: string): boolean {
  return isWrittenBy(issue.author, port.botLogin) && issue.body.includes(marker);
}

async function swapSeverity(
  port: GitHubPort,
  number: number,
  wanted: string,
  triage: TriageConfig,
): Promise<void> {
  const issue = await port.getIssue(number);
  for (const label of issue.labels) {
    if (severityOfLabel(triage, label) && label !== wanted) await port.removeLabel(number, label);
  }
  if (!issue.labels.includes(wanted)) await port.addLabels(number, [wanted]);
}
