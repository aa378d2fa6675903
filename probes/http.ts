// HTTP(S) probe: status range, body keyword or JSON value, bounded redirects that stay on the same host.
import type { ProbeConfig } from "../core/health/config.ts";
import { probeEnvAllowed, redactSecrets } from "../core/health/redact.ts";
import type { CheckResult } from "./result.ts";

const MAX_BODY_BYTES = 1_000_000;

export interface ProbeEnv {
  env: NodeJS.ProcessEnv;
  /** Variables header values may read (`env:NAME`); see core/health/redact.ts. */
  allowlist: readonly string[];
}

export async function checkHttp(
  probe: NonNullable<ProbeConfig["http"]>,
  timeoutMs: number,
  probeEnv: ProbeEnv,
): Promise<CheckResult> {
  const headers = resolveHeaders(probe.headers, probeEnv);
  if (typeof headers === "string") return { ok: false, latencyMs: 0, error: headers };
  const result = await request(probe, timeoutMs, headers);
  // A server may echo what it was sent (a JSON value, a redirect host): never pass secrets on.
  if (!result.error) return result;
  const { password } = new URL(probe.url);
  const secrets = [...Object.values(headers), decodeURIComponent(password)];
  return { ...result, error: redactSecrets(result.error, secrets) };
}

async function request(
  probe: NonNullable<ProbeConfig["http"]>,
  timeoutMs: number,
  headers: Record<string, string>,
): Promise<CheckResult> {
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  const signal = AbortSignal.timeout(timeoutMs);
  let url = new URL(probe.url);
  // fetch refuses URLs with credentials; send them the way a browser would, as Basic auth.
  if (url.username || url.password) {
    const basic = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
    headers = { authorization: `Basic ${Buffer.from(basic).toString("base64")}`, ...headers };
    url.username = "";
    url.password = "";
  }
  try {
    for (let hop = 0; ; hop++) {
      const response = await fetch(url, {
        method: probe.method,
        headers,
        redirect: "manual",
        signal,
      });
      const location = response.headers.get("location");
      if (response.status >= 300 && response.status < 400 && location) {
        await response.body?.cancel();
        const next = new URL(location, url);
        if (next.host !== url.host)
          return {
            ok: false,
            latencyMs: elapsed(),
            error: `redirect to another host (${next.host}) not followed`,
          };
        if (hop >= probe.maxRedirects)
          return {
            ok: false,
            latencyMs: elapsed(),
            error: `more than ${probe.maxRedirects} redirects`,
          };
        url = next;
        continue;
      }
      const wantsBody = probe.keyword !== undefined || probe.jsonPath !== undefined;
      const body = wantsBody ? await readBounded(response) : "";
      if (!wantsBody) await response.body?.cancel();
      const latencyMs = elapsed();
      if (!statusMatches(response.status, probe.status))
        return { ok: false, latencyMs, error: `status ${response.status}` };
      if (probe.keyword !== undefined && !body.includes(probe.keyword))
        return { ok: false, latencyMs, error: "expected keyword not in body" };
      if (probe.jsonPath) {
        const problem = checkJsonPath(body, probe.jsonPath, probe.equals);
        if (problem) return { ok: false, latencyMs, error: problem };
      }
      return { ok: true, latencyMs };
    }
  } catch (error) {
    const name = (error as Error).name;
    if (name === "TimeoutError" || name === "AbortError")
      return { ok: false, latencyMs: elapsed(), error: "timeout" };
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return {
      ok: false,
      latencyMs: elapsed(),
      error: cause ? `connection failed (${cause})` : "connection failed",
    };
  }
}

export function statusMatches(status: number, ranges: string): boolean {
  return ranges.split(",").some((range) => {
    const [low, high = low] = range.split("-").map(Number);
    return status >= (low as number) && status <= (high as number);
  });
}

/**
 * "env:NAME" reads the variable, so workflows pass secrets through env and the config holds no
 * secret. Only allowlisted names: the config must not be able to send INPUT_TOKEN anywhere.
 */
function resolveHeaders(
  headers: Record<string, string>,
  { env, allowlist }: ProbeEnv,
): Record<string, string> | string {
  const resolved: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value.startsWith("env:")) {
      const variable = value.slice(4);
      if (!probeEnvAllowed(variable, allowlist))
        return `header ${name} may not read environment variable ${variable}: allowed are ${allowlist.join(", ")} (the health-check action's probe-env input)`;
      const secret = env[variable];
      if (secret === undefined)
        return `header ${name} needs environment variable ${variable}, which is not set`;
      resolved[name] = secret;
    } else {
      resolved[name] = value;
    }
  }
  return resolved;
}

async function readBounded(response: Response): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < MAX_BODY_BYTES) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  await reader.cancel();
  return Buffer.concat(chunks).subarray(0, MAX_BODY_BYTES).toString("utf8");
}

function checkJsonPath(body: string, path: string, expected: unknown): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return "body is not JSON";
  }
  for (const [, key, index] of path.matchAll(/\.([A-Za-z0-9_-]+)|\[(\d+)\]/g)) {
    value =
      value === null || typeof value !== "object"
        ? undefined
        : (value as Record<string, unknown>)[key ?? (index as string)];
  }
  if (value === undefined) return `${path} not found in body`;
  if (expected === undefined) return value ? undefined : `${path} is ${JSON.stringify(value)}`;
  return value === expected ? undefined : `${path} is not ${JSON.stringify(expected)}`;
}
