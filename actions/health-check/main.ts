// The health-check action: runs every probe once, then reconciles the status and incident issues.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import * as core from "@actions/core";
import type { ProbeConfig } from "../../core/health/config.ts";
import { parseProbeEnvList, probeEnvAllowed } from "../../core/health/redact.ts";
import { formatPercent, latency, uptime } from "../../core/health/stats.ts";
import { latencyChart, statusIcon } from "../../core/health/status.ts";
import { systemClock } from "../../core/time/clock.ts";
import { checkProbe } from "../../probes/check.ts";
import { loadActionConfig } from "../config.ts";
import { actionGitHub } from "../github-port.ts";
import { runHealthCheck } from "./run.ts";

const DAY = 86_400_000;

async function main(): Promise<void> {
  const port = actionGitHub(core.getInput("token", { required: true }));
  const config = await loadActionConfig(port, core.getInput("config") || undefined);
  if (!config) return;
  if (config.health.probes.length === 0) {
    core.notice("No probes configured under health.probes in the Upkeep config; nothing to check.");
    return;
  }
  const probes = new Map(config.health.probes.map((probe) => [probe.name, probe]));
  const allowlist = parseProbeEnvList(core.getInput("probe-env"));
  maskProbeSecrets(config.health.probes, allowlist);
  const result = await runHealthCheck({
    port,
    health: config.health,
    triage: config.triage,
    clock: systemClock,
    check: (name) => checkProbe(probes.get(name)!, process.env, allowlist),
  });
  const now = Date.now();
  const states = result.plan.probes;
  const down = states.filter((probe) => probe.status === "down").length;
  const degraded = states.filter((probe) => probe.status === "degraded").length;
  const report = states.map((probe) => ({
    name: probe.name,
    status: probe.status,
    reason: probe.reason,
    uptime: {
      "24h": uptime(probe.history, now, DAY),
      "7d": uptime(probe.history, now, 7 * DAY),
      "30d": uptime(probe.history, now, 30 * DAY),
    },
    latencyMs: latency(probe.history, now, DAY),
    incident: result.incidents[probe.name] ?? null,
  }));
  const reportPath = join(process.env.RUNNER_TEMP ?? process.cwd(), "upkeep-health.json");
  writeFileSync(
    reportPath,
    `${JSON.stringify({ checkedAt: new Date(now).toISOString(), probes: report }, null, 2)}\n`,
  );

  core.setOutput("status", down > 0 ? "down" : degraded > 0 ? "degraded" : "up");
  core.setOutput("down-count", String(down));
  core.setOutput("degraded-count", String(degraded));
  core.setOutput("status-issue", String(result.statusIssue));
  core.setOutput("report", reportPath);

  await core.summary
    .addHeading("Upkeep health check", 2)
    .addTable([
      [
        { data: "Probe", header: true },
        { data: "Status", header: true },
        { data: "Uptime 24h", header: true },
        { data: "7d", header: true },
        { data: "30d", header: true },
        { data: "p50", header: true },
        { data: "p95", header: true },
        { data: "Incident", header: true },
      ],
      ...report.map((probe) => [
        probe.name,
        statusIcon(probe.status),
        formatPercent(probe.uptime["24h"]),
        formatPercent(probe.uptime["7d"]),
        formatPercent(probe.uptime["30d"]),
        probe.latencyMs.p50 === undefined ? "–" : `${Math.round(probe.latencyMs.p50)} ms`,
        probe.latencyMs.p95 === undefined ? "–" : `${Math.round(probe.latencyMs.p95)} ms`,
        probe.incident ? `#${probe.incident.number} (${probe.incident.action})` : "",
      ]),
    ])
    .addRaw(`\n${latencyChart(states, now)}\n`, true)
    .write();
  for (const probe of states.filter((state) => state.status !== "up")) {
    core.warning(`${probe.name} is ${probe.status}: ${probe.reason}`);
  }
}

/** The runner masks these in every log line, whatever prints them. */
function maskProbeSecrets(probes: readonly ProbeConfig[], allowlist: readonly string[]): void {
  for (const probe of probes) {
    for (const value of Object.values(probe.http?.headers ?? {})) {
      const name = value.startsWith("env:") ? value.slice(4) : undefined;
      const secret = name && probeEnvAllowed(name, allowlist) ? process.env[name] : undefined;
      if (secret) core.setSecret(secret);
    }
  }
}

// Exit explicitly: probed servers may hold keep-alive sockets open for seconds after the run is done.
main()
  .catch((error: Error) => core.setFailed(error.message))
  .finally(() => process.exit());
