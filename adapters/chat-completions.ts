// The HTTP side of the model-assisted triage: one POST to an OpenAI-compatible
// `/chat/completions` endpoint (GitHub Models speaks the same API). Bounded in time and size,
// never follows redirects (the key must only go where the config said), never logs the key.

import { parseDuration } from "../core/time/duration.ts";
import { modelBaseUrl, type TriageModelConfig } from "../core/triage/model/config.ts";
import type { ModelOutcome, ModelTransport } from "../core/triage/model/consult.ts";
import type { ModelRequest } from "../core/triage/model/prompt.ts";

const MAX_RESPONSE_BYTES = 1_000_000;

export interface ChatTransportOptions {
  config: TriageModelConfig;
  /** Where the key is read from; the process environment in the faces. */
  env: Record<string, string | undefined>;
  fetch?: typeof fetch;
}

export function chatCompletionsTransport(options: ChatTransportOptions): ModelTransport {
  const { config, env } = options;
  const key = env[config.apiKeyEnv];
  if (!key)
    return async () => ({
      kind: "failed",
      why: `the environment variable ${config.apiKeyEnv} is not set`,
    });
  const timeoutMs = parseDuration(config.timeout) ?? 20_000;
  const url = `${modelBaseUrl(config)}/chat/completions`;
  const headers: Record<string, string> = {
    "content-type": "application/json",
    authorization: `Bearer ${key}`,
    accept:
      config.endpoint === "github-models" ? "application/vnd.github+json" : "application/json",
  };
  if (config.endpoint === "github-models") headers["x-github-api-version"] = "2022-11-28";
  const send = options.fetch ?? fetch;
  return async (request: ModelRequest): Promise<ModelOutcome> => {
    try {
      const response = await send(url, {
        method: "POST",
        headers,
        body: JSON.stringify(request),
        redirect: "error",
        signal: AbortSignal.timeout(timeoutMs),
      });
      const body = await readCapped(response);
      if (!response.ok)
        return { kind: "failed", why: `the endpoint answered HTTP ${response.status}` };
      if (body === undefined) return { kind: "failed", why: "the endpoint's answer was too large" };
      return { kind: "answered", body };
    } catch (error) {
      const name = (error as Error).name;
      if (name === "TimeoutError" || name === "AbortError")
        return { kind: "failed", why: `no answer within ${config.timeout}` };
      return { kind: "failed", why: "the endpoint could not be reached" };
    }
  };
}

/** The response text, or undefined past MAX_RESPONSE_BYTES. */
async function readCapped(response: Response): Promise<string | undefined> {
  if (!response.body) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > MAX_RESPONSE_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}
