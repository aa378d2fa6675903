// repository_advisory → finding. A private report opens the window; publishing the advisory with
// patched versions for every affected package closes it (the fix shipped), otherwise it stays open.
// https://docs.github.com/webhooks/webhook-events-and-payloads#repository_advisory
import { z } from "zod";
import { normaliseSeverity } from "../finding.ts";
import { finding, invalid, type NormaliseOptions, type NormaliseResult } from "./result.ts";

const vulnerability = z.looseObject({
  package: z.looseObject({ ecosystem: z.string().nullish(), name: z.string().nullish() }).nullish(),
  patched_versions: z.string().nullish(),
});

const payloadSchema = z.looseObject({
  action: z.string(),
  repository_advisory: z.looseObject({
    ghsa_id: z.string(),
    cve_id: z.string().nullish(),
    html_url: z.string().nullish(),
    summary: z.string(),
    severity: z.string().nullish(),
    state: z.string().nullish(),
    created_at: z.string().nullish(),
    published_at: z.string().nullish(),
    vulnerabilities: z.array(vulnerability).nullish(),
  }),
});

export function repositoryAdvisoryFinding(
  payload: unknown,
  options: NormaliseOptions,
): NormaliseResult {
  const parsed = payloadSchema.safeParse(payload);
  if (!parsed.success) return invalid("repository_advisory", parsed.error);
  const { action, repository_advisory: advisory } = parsed.data;
  if (action !== "reported" && action !== "published") {
    return { kind: "ignored", reason: `repository_advisory.${action} does not change a window` };
  }
  const vulnerabilities = advisory.vulnerabilities ?? [];
  const patched = vulnerabilities.filter((entry) => entry.patched_versions);
  const fixed =
    action === "published" &&
    vulnerabilities.length > 0 &&
    patched.length === vulnerabilities.length;
  const withdrawn = advisory.state === "withdrawn";
  const first = vulnerabilities[0]?.package;
  return finding("repository_advisory", {
    id: advisory.ghsa_id,
    aliases: advisory.cve_id ? [advisory.cve_id] : [],
    source: "advisory",
    title: advisory.summary,
    package: first?.name ?? undefined,
    ecosystem: first?.ecosystem ?? undefined,
    severity: normaliseSeverity(advisory.severity) ?? "high",
    firstSeenAt: advisory.created_at ?? advisory.published_at ?? options.receivedAt.toISOString(),
    fixHint:
      patched
        .map((entry) => `${entry.package?.name ?? "package"}: ${entry.patched_versions}`)
        .join("; ") || undefined,
    url: advisory.html_url ?? undefined,
    state: withdrawn ? "dismissed" : fixed ? "fixed" : "open",
    ...(withdrawn
      ? { resolution: "advisory withdrawn" }
      : fixed
        ? {
            resolution: "advisory published with patched versions",
            resolvedAt: advisory.published_at ?? undefined,
          }
        : {}),
  });
}
