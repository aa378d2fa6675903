// dependabot_alert → finding. https://docs.github.com/webhooks/webhook-events-and-payloads#dependabot_alert
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

const OPEN = ["created", "reopened", "auto_reopened", "reintroduced"];
const DISMISSED = ["dismissed", "auto_dismissed"];

const user = z.looseObject({ login: z.string() }).nullish();

const payloadSchema = z.looseObject({
  action: z.string(),
  alert: z.looseObject({
    number: z.number(),
    html_url: z.string().optional(),
    created_at: z.string(),
    dependency: z.looseObject({
      package: z.looseObject({ ecosystem: z.string(), name: z.string() }),
      manifest_path: z.string().nullish(),
    }),
    security_advisory: z.looseObject({
      ghsa_id: z.string(),
      cve_id: z.string().nullish(),
      summary: z.string(),
      severity: z.string(),
    }),
    security_vulnerability: z
      .looseObject({ first_patched_version: z.looseObject({ identifier: z.string() }).nullish() })
      .nullish(),
    dismissed_by: user,
    dismissed_reason: z.string().nullish(),
    dismissed_comment: z.string().nullish(),
    dismissed_at: z.string().nullish(),
    auto_dismissed_at: z.string().nullish(),
    fixed_at: z.string().nullish(),
  }),
});

export function dependabotFinding(payload: unknown): NormaliseResult {
  const parsed = payloadSchema.safeParse(payload);
  if (!parsed.success) return invalid("dependabot_alert", parsed.error);
  const { action, alert } = parsed.data;
  const state = alertState(action, { open: OPEN, fixed: ["fixed"], dismissed: DISMISSED });
  if (!state) return ignoredAction("dependabot_alert", action);
  const advisory = alert.security_advisory;
  const patched = alert.security_vulnerability?.first_patched_version?.identifier;
  const pkg = alert.dependency.package;
  return finding("dependabot_alert", {
    id: `dependabot:${alert.number}`,
    aliases: [advisory.ghsa_id, ...(advisory.cve_id ? [advisory.cve_id] : [])],
    source: "dependabot",
    title: advisory.summary,
    package: pkg.name,
    ecosystem: pkg.ecosystem,
    severity: normaliseSeverity(advisory.severity) ?? "high",
    firstSeenAt: alert.created_at,
    fixHint: patched
      ? `Upgrade ${pkg.name} to ${patched} or later.`
      : `No patched version of ${pkg.name} yet: remove or replace it.`,
    manifestPaths: alert.dependency.manifest_path ? [alert.dependency.manifest_path] : [],
    url: alert.html_url,
    state,
    ...(state === "dismissed"
      ? {
          resolvedBy: action === "auto_dismissed" ? "dependabot" : login(alert.dismissed_by),
          resolution:
            alert.dismissed_reason?.replace(/_/g, " ") ??
            (action === "auto_dismissed" ? "auto-dismissed" : undefined),
          resolutionComment: alert.dismissed_comment ?? undefined,
          resolvedAt: alert.dismissed_at ?? alert.auto_dismissed_at ?? undefined,
        }
      : {}),
    ...(state === "fixed" ? { resolvedAt: alert.fixed_at ?? undefined } : {}),
  });
}
