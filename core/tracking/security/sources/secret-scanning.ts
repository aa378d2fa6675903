// secret_scanning_alert → finding. A revoked secret counts as fixed; other resolutions dismiss it.
// https://docs.github.com/webhooks/webhook-events-and-payloads#secret_scanning_alert
import { z } from "zod";
import { finding, invalid, login, type NormaliseOptions, type NormaliseResult } from "./result.ts";

const OPEN = ["created", "reopened", "publicly_leaked"];

const payloadSchema = z.looseObject({
  action: z.string(),
  alert: z.looseObject({
    number: z.number(),
    html_url: z.string().nullish(),
    created_at: z.string().nullish(),
    secret_type: z.string().nullish(),
    secret_type_display_name: z.string().nullish(),
    resolution: z.string().nullish(),
    resolved_by: z.looseObject({ login: z.string() }).nullish(),
    resolved_at: z.string().nullish(),
    resolution_comment: z.string().nullish(),
  }),
});

export function secretScanningFinding(
  payload: unknown,
  options: NormaliseOptions,
): NormaliseResult {
  const parsed = payloadSchema.safeParse(payload);
  if (!parsed.success) return invalid("secret_scanning_alert", parsed.error);
  const { action, alert } = parsed.data;
  const revoked = alert.resolution === "revoked";
  const state = OPEN.includes(action)
    ? "open"
    : action === "resolved"
      ? revoked
        ? "fixed"
        : "dismissed"
      : undefined;
  if (!state)
    return { kind: "ignored", reason: `secret_scanning_alert.${action} does not change a window` };
  const kind = alert.secret_type_display_name ?? alert.secret_type ?? "secret";
  return finding("secret_scanning_alert", {
    id: `secret-scanning:${alert.number}`,
    source: "secret-scanning",
    title: `Leaked ${kind}`,
    rule: alert.secret_type ?? undefined,
    severity: options.secretSeverity,
    firstSeenAt: alert.created_at ?? options.receivedAt.toISOString(),
    fixHint: "Revoke and rotate the secret, then resolve the alert as revoked.",
    url: alert.html_url ?? undefined,
    state,
    ...(state === "open"
      ? {}
      : {
          resolvedBy: login(alert.resolved_by),
          resolution: alert.resolution?.replace(/_/g, " "),
          resolutionComment: alert.resolution_comment ?? undefined,
          resolvedAt: alert.resolved_at ?? undefined,
        }),
  });
}
