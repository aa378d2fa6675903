import { describe, expect, it } from "vitest";
import { findingFromWebhook } from "../../core/tracking/security/sources/index.ts";
import { webhookExample, webhookExamples } from "./support/examples.ts";

const options = {
  receivedAt: new Date("2026-03-02T09:00:00Z"),
  secretSeverity: "critical" as const,
};

function findingOf(event: string, payload: unknown) {
  const result = findingFromWebhook(event, payload, options);
  if (result.kind !== "finding") throw new Error(JSON.stringify(result));
  return result.finding;
}

describe("dependabot_alert", () => {
  it("created: the advisory, package, manifest, severity and minimal fixed version", () => {
    const finding = findingOf("dependabot_alert", webhookExample("dependabot_alert", "created"));
    expect(finding).toMatchObject({
      id: "dependabot:20",
      aliases: ["GHSA-c2qf-rxjj-qqgw", "CVE-2022-25883"],
      source: "dependabot",
      package: "semver",
      ecosystem: "npm",
      severity: "medium",
      firstSeenAt: "2023-06-24T13:57:12Z",
      fixHint: "Upgrade semver to 7.5.2 or later.",
      manifestPaths: ["package-lock.json"],
      url: "https://github.com/wolfy1339/pika-pack/security/dependabot/20",
      state: "open",
    });
  });

  it("every fixed example is a fixed finding", () => {
    for (const payload of webhookExamples("dependabot_alert", "fixed")) {
      expect(findingOf("dependabot_alert", payload).state).toBe("fixed");
    }
  });

  it("dismissed records who and why", () => {
    const payload = webhookExample("dependabot_alert", "created") as {
      action: string;
      alert: Record<string, unknown>;
    };
    payload.action = "dismissed";
    Object.assign(payload.alert, {
      state: "dismissed",
      dismissed_by: { login: "mona", type: "User" },
      dismissed_reason: "tolerable_risk",
      dismissed_comment: "Only used in tests",
      dismissed_at: "2026-03-03T10:00:00Z",
    });
    expect(findingOf("dependabot_alert", payload)).toMatchObject({
      state: "dismissed",
      resolvedBy: "mona",
      resolution: "tolerable risk",
      resolutionComment: "Only used in tests",
    });
  });

  it("a payload missing the advisory gets an error naming the field", () => {
    const payload = webhookExample("dependabot_alert", "created") as {
      alert: Record<string, unknown>;
    };
    delete payload.alert.security_advisory;
    const result = findingFromWebhook("dependabot_alert", payload, options);
    expect(result).toEqual({
      kind: "invalid",
      message: expect.stringMatching(/^dependabot_alert payload: alert\.security_advisory: /),
    });
  });
});

describe("code_scanning_alert", () => {
  it.each([
    ["created", "open"],
    ["reopened", "open"],
    ["fixed", "fixed"],
    ["closed_by_user", "dismissed"],
  ])("%s → %s", (action, state) => {
    for (const payload of webhookExamples("code_scanning_alert", action)) {
      expect(findingOf("code_scanning_alert", payload).state).toBe(state);
    }
  });

  it("maps the rule and its severity, and records the dismissal", () => {
    const created = findingOf(
      "code_scanning_alert",
      webhookExample("code_scanning_alert", "created"),
    );
    expect(created).toMatchObject({
      rule: "java/sql-injection",
      severity: "high",
      source: "code-scanning",
    });
    const closed = findingOf(
      "code_scanning_alert",
      webhookExample("code_scanning_alert", "closed_by_user"),
    );
    expect(closed).toMatchObject({
      resolvedBy: "Codertocat",
      resolution: "false positive",
      manifestPaths: ["/usr/local/jetty/lib/http2/http2-hpack-9.4.27.v20200227.jar"],
    });
  });

  it("prefers the security severity level when the rule has one", () => {
    const payload = webhookExample("code_scanning_alert", "created") as {
      alert: { rule: Record<string, unknown> };
    };
    payload.alert.rule.security_severity_level = "critical";
    expect(findingOf("code_scanning_alert", payload).severity).toBe("critical");
  });
});

describe("secret_scanning_alert", () => {
  it("reopened (the GHES example) is an open finding at the configured severity", () => {
    const finding = findingOf(
      "secret_scanning_alert",
      webhookExample("secret_scanning_alert", "reopened", "ghes-35"),
    );
    expect(finding).toMatchObject({
      id: "secret-scanning:191",
      severity: "critical",
      rule: "adafruit_io_key",
      state: "open",
      firstSeenAt: "2026-03-02T09:00:00.000Z",
    });
  });

  it("resolved as revoked is fixed; as false positive it is dismissed", () => {
    const payload = webhookExample("secret_scanning_alert", "reopened", "ghes-35") as {
      action: string;
      alert: Record<string, unknown>;
    };
    payload.action = "resolved";
    payload.alert.resolution = "revoked";
    expect(findingOf("secret_scanning_alert", payload).state).toBe("fixed");
    payload.alert.resolution = "false_positive";
    payload.alert.resolved_by = { login: "hubot" };
    expect(findingOf("secret_scanning_alert", payload)).toMatchObject({
      state: "dismissed",
      resolution: "false positive",
      resolvedBy: "hubot",
    });
  });
});

describe("repository_advisory", () => {
  const advisory = (action: string, patched: string | null) => ({
    action,
    repository_advisory: {
      ghsa_id: "GHSA-abcd-efgh-ijkl",
      cve_id: null,
      html_url: "https://github.com/octo-org/octo-repo/security/advisories/GHSA-abcd-efgh-ijkl",
      summary: "Path traversal in upload handler",
      severity: "high",
      state: action === "reported" ? "triage" : "published",
      created_at: "2026-03-01T08:00:00Z",
      published_at: action === "published" ? "2026-03-04T08:00:00Z" : null,
      vulnerabilities: [
        {
          package: { ecosystem: "npm", name: "octo-upload" },
          vulnerable_version_range: "< 2.1.0",
          patched_versions: patched,
        },
      ],
    },
  });

  it("a private report opens a window", () => {
    expect(findingOf("repository_advisory", advisory("reported", null))).toMatchObject({
      id: "GHSA-abcd-efgh-ijkl",
      state: "open",
      severity: "high",
      package: "octo-upload",
    });
  });

  it("publishing with patched versions closes it; without, it stays open", () => {
    expect(findingOf("repository_advisory", advisory("published", "2.1.0")).state).toBe("fixed");
    expect(findingOf("repository_advisory", advisory("published", null)).state).toBe("open");
  });
});

it("events that are not alerts, and alert actions that change nothing, are ignored", () => {
  expect(findingFromWebhook("issues", {}, options).kind).toBe("ignored");
  const payload = webhookExample("dependabot_alert", "created") as { action: string };
  payload.action = "assignees_changed";
  expect(findingFromWebhook("dependabot_alert", payload, options).kind).toBe("ignored");
});
