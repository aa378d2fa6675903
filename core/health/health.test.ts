import { describe, expect, it } from "vitest";
import { healthConfigSchema } from "./config.ts";
import { evaluateProbe } from "./evaluate.ts";
import {
  decodeHistory,
  emptyHistory,
  encodeHistory,
  MAX_RAW,
  type ProbeHistory,
  recordSample,
} from "./history.ts";
import { downtime, planIncident } from "./incident.ts";
import { planHealthRun } from "./plan.ts";
import { DEFAULT_PROBE_ENV, probeEnvAllowed, redactUrl } from "./redact.ts";
import { latency, percentile, uptime } from "./stats.ts";
import { readStatusMarker } from "./status.ts";

const MIN = 60_000;
const T0 = Date.parse("2026-11-20T00:00:00Z");
const config = healthConfigSchema.parse({
  probes: [
    {
      name: "api",
      http: { url: "http://127.0.0.1:1/health" },
      latencyBudget: "1s",
    },
  ],
});
const probe = config.probes[0]!;

/** A history from a pattern like "++-++": one check every 5 minutes, '-' failing. */
function historyOf(pattern: string, latencyMs = 100): ProbeHistory {
  let history = emptyHistory();
  [...pattern].forEach((mark, index) => {
    const ok = mark === "+";
    history = recordSample(history, {
      at: T0 + index * 5 * MIN,
      ok,
      latencyMs,
      ...(ok ? {} : { error: "status 503" }),
    });
  });
  return history;
}
const endOf = (pattern: string) => T0 + (pattern.length - 1) * 5 * MIN;

describe("probe history", () => {
  it("survives the marker round trip, errors included", () => {
    const history = historyOf("++-+");
    expect(decodeHistory(encodeHistory(history))).toEqual(history);
  });

  it("stays bounded however long it runs", () => {
    let history = emptyHistory();
    for (let index = 0; index < 60 * 24 * 40; index++) {
      history = recordSample(history, {
        at: T0 + index * MIN,
        ok: index % 50 !== 0,
        latencyMs: 80,
      });
    }
    expect(history.samples.length).toBeLessThanOrEqual(MAX_RAW);
    expect(history.days).toHaveLength(30);
    expect(encodeHistory(history).length).toBeLessThan(8_000);
  });

  it("ignores a hand-damaged marker instead of failing the run", () => {
    expect(decodeHistory("zz.zz.%E0%A4%A|2026-13-01:x:1 2026-11-01:10:1")).toEqual({
      samples: [
        {
          at: Number.parseInt("zz", 36),
          ok: false,
          latencyMs: Number.parseInt("zz", 36),
          error: "failed",
        },
      ],
      days: [{ day: "2026-11-01", checks: 10, failures: 1 }],
    });
  });
});

describe("probe status", () => {
  it.each([
    ["+++", "up"],
    ["++-", "up"],
    ["+---", "down"],
    ["----", "down"],
    ["---+", "up"],
  ])("checks %s mean %s with 3 consecutive failures as the threshold", (pattern, status) => {
    const relaxed = { ...config, failureRatio: 1 };
    expect(evaluateProbe(probe, historyOf(pattern), relaxed, endOf(pattern)).status).toBe(status);
  });

  it("is down when more than 5% of checks in the window failed", () => {
    let history = emptyHistory();
    for (let index = 0; index < 20; index++) {
      history = recordSample(history, {
        at: T0 + index * 10_000,
        ok: index !== 10 && index !== 15,
        latencyMs: 50,
      });
    }
    const verdict = evaluateProbe(probe, history, config, T0 + 19 * 10_000);
    expect(verdict).toMatchObject({ status: "down" });
    expect(verdict.reason).toContain("10% of checks failed over the last 5m (2 of 20)");
  });

  it("is degraded when p95 latency is over budget", () => {
    const verdict = evaluateProbe(probe, historyOf("+++", 1_500), config, endOf("+++"));
    expect(verdict.status).toBe("degraded");
  });
});

describe("incident issues", () => {
  const plan = (pattern: string, incident?: Parameters<typeof planIncident>[0]["incident"]) => {
    const history = historyOf(pattern);
    const now = endOf(pattern);
    const verdict = evaluateProbe(probe, history, { ...config, failureRatio: 1 }, now);
    return planIncident({ probe, verdict, history, incident, config, now });
  };

  it("opens one incident when the probe goes down", () => {
    expect(plan("++---")).toMatchObject({
      kind: "open",
      severity: "critical",
      title: "api is down",
    });
  });

  it("leaves an open incident alone while the probe flaps", () => {
    const open = {
      number: 7,
      state: "open" as const,
      closedAt: null,
      severity: "critical" as const,
    };
    expect(plan("---+-+", open)).toEqual({ kind: "none" });
  });

  it("closes after two good checks and reports the downtime", () => {
    const open = {
      number: 7,
      state: "open" as const,
      closedAt: null,
      severity: "critical" as const,
    };
    const action = plan("+---++", open);
    expect(action).toMatchObject({ kind: "close", number: 7, downtimeMs: 15 * MIN });
  });

  it("reopens the last incident when the probe fails again within the hour", () => {
    const closed = {
      number: 7,
      state: "closed" as const,
      closedAt: new Date(endOf("---") - 10 * MIN).toISOString(),
    };
    expect(plan("---", closed)).toMatchObject({ kind: "reopen", number: 7 });
  });

  it("measures downtime from the first failure to the first good check", () => {
    expect(downtime(historyOf("++--++"))).toBe(10 * MIN);
  });
});

describe("a health run", () => {
  it("records the check, keeps history in the status marker and degrades on an expiring certificate", () => {
    const tlsConfig = healthConfigSchema.parse({
      probes: [{ name: "cert", tls: { host: "example.test", warnDays: 14 } }],
    });
    const now = T0;
    const run = planHealthRun({
      config: tlsConfig,
      previous: new Map(),
      results: new Map([
        [
          "cert",
          {
            ok: true,
            latencyMs: 20,
            certificateExpiresAt: new Date(now + 5 * 86_400_000).toISOString(),
          },
        ],
      ]),
      incidents: new Map(),
      now,
    });
    expect(run.probes[0]).toMatchObject({
      status: "degraded",
      reason: expect.stringContaining("expires in 5 days"),
    });
    expect(run.incidents[0]?.action).toMatchObject({ kind: "open", severity: "major" });
    expect(readStatusMarker(run.statusBody).get("cert")?.samples).toHaveLength(1);
  });
});

describe("figures", () => {
  it("computes nearest-rank percentiles and uptime", () => {
    expect(percentile([5, 1, 4, 2, 3], 0.5)).toBe(3);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.95)).toBe(10);
    const history = historyOf("+++-");
    expect(uptime(history, endOf("+++-"), 86_400_000)).toBe(0.75);
    expect(latency(history, endOf("+++-"), 86_400_000)).toEqual({ p50: 100, p95: 100 });
  });
});

describe("recovery", () => {
  it("stays down while the failure rate in the window is over the threshold, even after good checks", () => {
    let history = emptyHistory();
    for (const [index, ok] of [false, false, false, true, true].entries()) {
      history = recordSample(history, { at: T0 + index * 10_000, ok, latencyMs: 40 });
    }
    expect(evaluateProbe(probe, history, config, T0 + 40_000).status).toBe("down");
    // Five minutes later the failures have left the window.
    const later = recordSample(history, { at: T0 + 400_000, ok: true, latencyMs: 40 });
    expect(evaluateProbe(probe, later, config, T0 + 400_000).status).toBe("up");
  });
});

describe("what a probe may show", () => {
  it.each([
    ["https://user:pw@status.example/health", "https://***@status.example/health"],
    [
      "https://status.example/h?api_key=k1&page=2&Signature=s&code=c",
      "https://status.example/h?api_key=***&page=2&Signature=***&code=***",
    ],
    ["https://status.example/health", "https://status.example/health"],
  ])("%s is shown as %s", (url, shown) => {
    expect(redactUrl(url)).toBe(shown);
  });

  it.each([
    ["UPKEEP_PROBE_TOKEN", true],
    ["STATUS_TOKEN", false],
    ["INPUT_TOKEN", false],
    ["GITHUB_TOKEN", false],
    ["ACTIONS_RUNTIME_TOKEN", false],
  ])("%s may be read by default: %s", (name, allowed) => {
    expect(probeEnvAllowed(name, DEFAULT_PROBE_ENV)).toBe(allowed);
  });

  it("an allowlist never opens the runner's own variables", () => {
    expect(probeEnvAllowed("INPUT_TOKEN", ["*"])).toBe(false);
    expect(probeEnvAllowed("STATUS_TOKEN", ["STATUS_TOKEN"])).toBe(true);
  });
});
