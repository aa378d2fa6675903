// code_scanning_alert → finding. https://docs.github.com/webhooks/webhook-events-and-payloads#code_scanning_alert
import { z } from "zod";
import { normaliseSeverity } from "../finding.ts";
import {
  alertState,
  finding,
  ignoredAction,
  invalid,
  login,
  type NormaliseResult,
} from "./result.ts";

const OPEN = ["created", "reopened", "reopened_by_user", "appeared_in_branch"];

const location = z.looseObject({ path: z.string().nullish() }).nullish();

const payloadSchema = z.looseObject({
  action: z.string(),
  alert: z.looseObject({
    number: z.number(),
    html_url: z.string().optional(),
    created_at: z.string(),
    rule: z.looseObject({
      id: z.string(),
      severity: z.string().nullish(),
      security_severity_level: z.string().nullish(),
      description: z.string().nullish(),
    }),
    tool: z.looseObject({ name: z.string().nullish() }).nullish(),
    most_recent_instance: z.looseObject({ location }).nullish(),
    instances: z.array(z.looseObject({ location })).nullish(),
    dismissed_by: z.looseObject({ login: z.string() }).nullish(),
    dismissed_reason: z.string().nullish(),
    dismissed_comment: z.string().nullish(),
    dismissed_at: z.string().nullish(),
    fixed_at: z.string().nullish(),
  }),
});

export function codeScanningFinding(payload: unknown): NormaliseResult {
  const parsed = payloadSchema.safeParse(payload);
  if (!parsed.success) return invalid("code_scanning_alert", parsed.error);
  const { action, alert } = parsed.data;
  const state = alertState(action, { open: OPEN, fixed: ["fixed"], dismissed: ["closed_by_user"] });
  if (!state) return ignoredAction("code_scanning_alert", action);
  const severity =
    normaliseSeverity(alert.rule.security_severity_level) ??
    normaliseSeverity(alert.rule.severity) ??
    "medium";
  const paths = [
    alert.most_recent_instance?.location?.path,
    ...(alert.instances ?? []).map((instance) => instance.location?.path),
  ];
  return finding("code_scanning_alert", {
    id: `code-scanning:${alert.number}`,
    source: "code-scanning",
    title: alert.rule.description ?? undefined,
    rule: alert.rule.id,
    severity,
    firstSeenAt: alert.created_at,
    manifestPaths: [...new Set(paths.filter((path): path is string => !!path))],
    url: alert.html_url,
    state,
    ...(state === "dismissed"
      ? {
          resolvedBy: login(alert.dismissed_by),
          resolution: alert.dismissed_reason?.replace(/_/g, " ") ?? undefined,
          resolutionComment: alert.dismissed_comment ?? undefined,
          resolvedAt: alert.dismissed_at ?? undefined,
        }
      : {}),
    ...(state === "fixed" ? { resolvedAt: alert.fixed_at ?? undefined } : {}),
  });
}
