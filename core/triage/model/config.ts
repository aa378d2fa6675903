// `triage.model`: the opt-in model-assisted classifier (off by default). Only the name of the
// environment variable holding the key is configured, never the key itself.
import { z } from "zod";
import { durationField } from "../../config/fields.ts";

export const GITHUB_MODELS_URL = "https://models.github.ai/inference";

/** https anywhere; plain http only to this machine (a local model server, or a test's fake). */
const baseUrlField = z
  .url()
  .refine((text) => {
    const url = new URL(text);
    if (url.protocol === "https:") return true;
    return url.protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
  }, "expected an https URL (plain http only on 127.0.0.1 or localhost)")
  .describe("Base URL of the OpenAI-compatible API (the part before /chat/completions).");

export const triageModelSchema = z
  .strictObject({
    enabled: z
      .boolean()
      .default(false)
      .describe("Ask a language model when no rule of yours decided."),
    endpoint: z
      .enum(["github-models", "openai-compatible"])
      .default("github-models")
      .describe(
        "github-models: GitHub Models with the workflow token (`permissions: models: read`); openai-compatible: any server speaking the chat-completions API at `baseUrl`.",
      ),
    baseUrl: baseUrlField.optional(),
    model: z
      .string()
      .min(1)
      .max(100)
      .default("openai/gpt-4o-mini")
      .describe("Model name as the endpoint knows it."),
    apiKeyEnv: z
      .string()
      .regex(
        /^[A-Za-z_][A-Za-z0-9_]*$/,
        "expected an environment variable name such as GITHUB_TOKEN",
      )
      .default("GITHUB_TOKEN")
      .describe("Name of the environment variable that holds the API key or token."),
    timeout: durationField
      .default("20s")
      .describe("Longest wait for one answer; the rules decide after it."),
    maxInputChars: z
      .number()
      .int()
      .min(200)
      .max(50_000)
      .default(6000)
      .describe("The issue's title and body are cut to this many characters before they are sent."),
    maxOutputTokens: z.number().int().min(32).max(2000).default(200).describe("Answer length cap."),
    maxTokensPerIssue: z
      .number()
      .int()
      .min(100)
      .max(100_000)
      .default(3000)
      .describe(
        "Cost budget per issue (prompt and answer, as estimated before and reported after); over it, the rules decide.",
      ),
  })
  .superRefine((model, ctx) => {
    if (model.endpoint === "openai-compatible" && !model.baseUrl)
      ctx.addIssue({
        code: "custom",
        path: ["baseUrl"],
        message: "openai-compatible needs a baseUrl",
      });
  })
  .prefault({});

export type TriageModelConfig = z.infer<typeof triageModelSchema>;

export function modelBaseUrl(config: TriageModelConfig): string {
  return withoutTrailingSlashes(config.baseUrl ?? GITHUB_MODELS_URL);
}

/** A loop rather than /\/+$/, which backtracks quadratically on a long run of slashes. */
function withoutTrailingSlashes(url: string): string {
  let end = url.length;
  while (end > 0 && url[end - 1] === "/") end--;
  return url.slice(0, end);
}
