// One health-check run, decided: every probe's new history and status, the status issue's body,
// and what to do with each probe's incident issue.
import type { HealthConfig } from "./config.ts";
import { evaluateProbe, type ProbeVerdict } from "./evaluate.ts";
import { emptyHistory, type ProbeHistory, recordSample } from "./history.ts";
import { type IncidentAction, type IncidentIssue, planIncident } from "./incident.ts";
import { type ProbeState, renderStatusBody } from "./status.ts";

export interface CheckOutcome {
  ok: boolean;
  latencyMs: number;
  error?: string;
  certificateExpiresAt?: string;
}

export interface HealthRunPlan {
  probes: ProbeState[];
  statusBody: string;
  incidents: { probe: string; action: IncidentAction }[];
}

const DAY = 86_400_000;

export function planHealthRun(input: {
  config: HealthConfig;
  previous: Map<string, ProbeHistory>;
  results: Map<string, CheckOutcome>;
  incidents: Map<string, IncidentIssue>;
  now: number;
}): HealthRunPlan {
  const { config, previous, results, incidents, now } = input;
  const probes: ProbeState[] = [];
  const actions: HealthRunPlan["incidents"] = [];
  for (const probe of config.probes) {
    const result = results.get(probe.name);
    let history = previous.get(probe.name) ?? emptyHistory();
    if (result) {
      const sample = {
        at: now,
        ok: result.ok,
        latencyMs: result.latencyMs,
        ...(result.error ? { error: result.error } : {}),
      };
      history = recordSample(history, sample);
    }
    let verdict = evaluateProbe(probe, history, config, now);
    verdict = certificateVerdict(verdict, result?.certificateExpiresAt, probe.tls?.warnDays, now);
    probes.push({
      name: probe.name,
      status: verdict.status,
      reason: verdict.reason,
      history,
      ...(result?.certificateExpiresAt
        ? { certificateExpiresAt: result.certificateExpiresAt }
        : {}),
    });
    const action = planIncident({
      probe,
      verdict,
      history,
      incident: incidents.get(probe.name),
      config,
      now,
    });
    actions.push({ probe: probe.name, action });
  }
  return { probes, statusBody: renderStatusBody(probes, now), incidents: actions };
}

/** A certificate close to expiry degrades an otherwise healthy TLS probe; an expired one is down. */
function certificateVerdict(
  verdict: ProbeVerdict,
  expiresAt: string | undefined,
  warnDays: number | undefined,
  now: number,
): ProbeVerdict {
  if (!expiresAt || warnDays === undefined || verdict.status === "down") return verdict;
  const daysLeft = (Date.parse(expiresAt) - now) / DAY;
  if (daysLeft <= 0)
    return { status: "down", reason: `certificate expired on ${expiresAt.slice(0, 10)}` };
  if (daysLeft <= warnDays) {
    return {
      status: "degraded",
      reason: `certificate expires in ${Math.floor(daysLeft)} days (${expiresAt.slice(0, 10)})`,
    };
  }
  return verdict;
}
