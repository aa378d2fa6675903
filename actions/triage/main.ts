// The triage action: the App's triage as a workflow step on `issues` and `issue_comment` events.
import * as core from "@actions/core";
import { context } from "@actions/github";
import { chatCompletionsTransport } from "../../adapters/chat-completions.ts";
import { isBot } from "../../core/model/issue.ts";
import { commentFromRest, issueFromRest } from "../../core/model/rest.ts";
import type { TriageModelConfig } from "../../core/triage/model/config.ts";
import {
  createMissingLabels,
  runSeverityCommand,
  triageIssue,
} from "../../core/triage/reconcile.ts";
import { actionGitHub } from "../github-port.ts";
import { loadTriageConfig } from "./config.ts";
import { type StepResult, writeSummary } from "./summary.ts";

async function main(): Promise<void> {
  const payload = context.payload;
  const sender = payload.sender
    ? { login: String(payload.sender.login), type: payload.sender.type }
    : null;
  if (isBot(sender as never))
    return finish({ outcome: "ignored", why: "the event was caused by a bot" });
  if (!payload.issue)
    return finish({ outcome: "ignored", why: `no issue in the ${context.eventName} event` });
  const github = actionGitHub(core.getInput("token", { required: true }));
  const config = await loadTriageConfig(github, core.getInput("config") || undefined);
  const model = config.config.triage.model;
  const hooks = {
    ensureLabels: async (...args: Parameters<typeof createMissingLabels>) =>
      void (await createMissingLabels(...args)),
    classifyIssue: model.enabled
      ? chatCompletionsTransport({ config: model, env: modelEnv(model) })
      : undefined,
  };
  const issue = issueFromRest(payload.issue);
  let result: StepResult;
  if (
    context.eventName === "issues" &&
    ["opened", "edited", "reopened"].includes(payload.action ?? "")
  ) {
    const outcome = await triageIssue(github, issue, config.config, hooks);
    result =
      outcome.status === "triaged"
        ? { outcome: "triaged", decision: outcome.decision, plan: outcome.plan }
        : { outcome: "skipped", why: outcome.why };
  } else if (
    context.eventName === "issue_comment" &&
    ["created", "edited"].includes(payload.action ?? "")
  ) {
    const outcome = await runSeverityCommand(
      github,
      issue,
      commentFromRest(payload.comment),
      config.config,
      hooks,
    );
    result =
      outcome.status === "applied"
        ? { outcome: "applied", decision: outcome.decision, plan: outcome.plan }
        : { outcome: outcome.status === "ignored" ? "ignored" : "replied", why: outcome.why };
  } else {
    result = {
      outcome: "ignored",
      why: `triage does not handle ${context.eventName}.${payload.action}`,
    };
  }
  await finish({ ...result, issue: issue.number, configValid: config.valid });
  if (!config.valid)
    core.setFailed("the config file is invalid (see the annotations); triage used the defaults");
}

/**
 * GitHub Models takes the workflow token (with `permissions: models: read`): the action's `token`
 * input stands in for GITHUB_TOKEN there, and only there, so it never goes to another endpoint.
 */
function modelEnv(model: TriageModelConfig): Record<string, string | undefined> {
  const toGitHub = model.endpoint === "github-models" && model.baseUrl === undefined;
  if (!toGitHub || model.apiKeyEnv !== "GITHUB_TOKEN" || process.env.GITHUB_TOKEN)
    return process.env;
  return { ...process.env, GITHUB_TOKEN: core.getInput("token") };
}

async function finish(result: StepResult): Promise<void> {
  core.setOutput("severity", result.decision?.severity ?? "");
  core.setOutput("reason", result.decision?.reason ?? result.why ?? "");
  core.setOutput("outcome", result.outcome);
  core.setOutput("config-valid", String(result.configValid ?? true));
  core.info(
    `triage: ${result.outcome}${result.decision ? ` → ${result.decision.severity ?? "none"} (${result.decision.reason})` : result.why ? ` (${result.why})` : ""}`,
  );
  await writeSummary(result);
}

main().catch((error: unknown) => core.setFailed(`triage failed: ${(error as Error).message}`));
