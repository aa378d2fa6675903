// Webhook event name → normaliser: the one place that lists the alert sources GitHub sends.
import { codeScanningFinding } from "./code-scanning.ts";
import { dependabotFinding } from "./dependabot.ts";
import { repositoryAdvisoryFinding } from "./repository-advisory.ts";
import type { NormaliseOptions, NormaliseResult } from "./result.ts";
import { secretScanningFinding } from "./secret-scanning.ts";

export type { NormaliseOptions, NormaliseResult } from "./result.ts";

type Normaliser = (payload: unknown, options: NormaliseOptions) => NormaliseResult;

export const findingNormalisers: Record<string, Normaliser> = {
  dependabot_alert: dependabotFinding,
  code_scanning_alert: codeScanningFinding,
  secret_scanning_alert: secretScanningFinding,
  repository_advisory: repositoryAdvisoryFinding,
};

export const alertEventNames = Object.keys(findingNormalisers);

export function findingFromWebhook(
  event: string,
  payload: unknown,
  options: NormaliseOptions,
): NormaliseResult {
  const normalise = findingNormalisers[event];
  return normalise
    ? normalise(payload, options)
    : { kind: "ignored", reason: `${event} is not an alert event` };
}
