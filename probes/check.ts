// Runs one probe once, whatever its kind.
import type { ProbeConfig } from "../core/health/config.ts";
import { DEFAULT_PROBE_ENV } from "../core/health/redact.ts";
import { parseDuration } from "../core/time/duration.ts";
import { checkHttp } from "./http.ts";
import type { CheckResult } from "./result.ts";
import { checkTcp, checkTls } from "./socket.ts";

export async function checkProbe(
  probe: ProbeConfig,
  env: NodeJS.ProcessEnv = process.env,
  allowlist: readonly string[] = DEFAULT_PROBE_ENV,
): Promise<CheckResult> {
  const timeoutMs = parseDuration(probe.timeout) ?? 10_000;
  if (probe.http) return checkHttp(probe.http, timeoutMs, { env, allowlist });
  if (probe.tcp) return checkTcp(probe.tcp, timeoutMs);
  // Private CAs come in the standard way, NODE_EXTRA_CA_CERTS, which Node adds to its trust store.
  if (probe.tls) return checkTls(probe.tls, timeoutMs);
  return { ok: false, latencyMs: 0, error: "probe has no target" };
}
