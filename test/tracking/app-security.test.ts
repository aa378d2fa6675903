// Security windows through the real App: alert deliveries shaped like GitHub's examples, signed
// by the sandbox, turned into tracking issues that close and reopen themselves.
import { afterEach, describe, expect, it } from "vitest";
import { installationPort } from "../support/sandbox-port.ts";
import { webhookExample } from "./support/examples.ts";
import { REPO, startWorld, type World } from "./support/world.ts";

let world: World;
afterEach(async () => {
  world.sandbox.assertValid();
  await world.close();
});

const windows = () =>
  world.sandbox.issues(REPO).filter((issue) => issue.labels.includes("security"));

type Alert = Record<string, unknown>;

/** The real dependabot_alert example for `action`, its alert first-seen now, sent as GitHub would. */
function dependabot(action: string, change: Alert = {}) {
  // The created example carries the full advisory; the action and `change` make it any other.
  const example = webhookExample("dependabot_alert", "created") as { alert: Alert };
  const alert = { ...example.alert, created_at: "2026-03-02T09:00:00Z", ...change };
  return world.sandbox.webhookPayload("dependabot_alert", action, {
    repo: REPO,
    sender: "github",
    alert,
  });
}

async function send(event: string, payload: Record<string, unknown>) {
  const response = await world.sandbox.deliver(event, payload);
  await world.sandbox.idle();
  return response;
}

describe("dependabot alerts", () => {
  it("created opens one window; fixed closes it with a comment; reopened reopens it", async () => {
    world = await startWorld();
    world.sandbox.addUser("github", { type: "Bot" });
    await send("dependabot_alert", dependabot("created"));
    expect(windows()).toHaveLength(1);
    const [window] = windows();
    expect(window!.title).toBe(
      "Security window: semver vulnerable to Regular Expression Denial of Service in semver",
    );
    expect(window!.labels).toEqual(["security", "security: medium"]);
    expect(window!.body).toContain(
      "**Patch deadline: 2026-03-16 09:00 UTC** (14d window for **medium** findings",
    );
    expect(window!.body).toContain("Upgrade semver to 7.5.2 or later.");
    expect(window!.body).toContain("<!-- upkeep:security-window id=dependabot:20 -->");

    world.later(60);
    await send(
      "dependabot_alert",
      dependabot("fixed", { state: "fixed", fixed_at: "2026-03-02T10:00:00Z" }),
    );
    let issue = world.sandbox.issue(REPO, window!.number);
    expect(issue.state).toBe("closed");
    expect(issue.comments.at(-1)?.body).toContain(
      "- `dependabot:20` was fixed at 2026-03-02 10:00 UTC.",
    );

    await send("dependabot_alert", dependabot("reopened", { state: "open" }));
    issue = world.sandbox.issue(REPO, window!.number);
    expect(issue.state).toBe("open");
    expect(issue.comments.at(-1)?.body).toContain("`dependabot:20` is open again");
    expect(windows()).toHaveLength(1);
  });

  it("dismissed with a hostile reason: closed, the reason quoted without mentions or markdown", async () => {
    world = await startWorld();
    await send("dependabot_alert", dependabot("created"));
    const dismissal = {
      state: "dismissed",
      dismissed_by: { login: "lead", id: 2, type: "User" },
      dismissed_reason: "tolerable_risk",
      dismissed_comment:
        "cc @octo-org/everyone </details> ![x](https://evil.example/p.png) closes #1",
      dismissed_at: "2026-03-02T11:00:00Z",
    };
    await send("dependabot_alert", dependabot("dismissed", dismissal));
    const [window] = windows();
    expect(window!.state).toBe("closed");
    const comment = window!.comments.at(-1)!.body;
    expect(comment).toContain("was dismissed by `lead` at 2026-03-02 11:00 UTC as tolerable risk.");
    expect(comment).toContain(
      "> cc @\u2060octo-org/everyone \\</details\\> \\!\\[x\\]\\(https://evil.example/p.png\\) closes \\#\u20601",
    );
  });

  it("ten redeliveries, five of them concurrent, leave exactly one open window", async () => {
    world = await startWorld();
    const payload = dependabot("created");
    await Promise.all(
      Array.from({ length: 5 }, () => world.sandbox.deliver("dependabot_alert", payload)),
    );
    for (let index = 0; index < 5; index++)
      await world.sandbox.deliver("dependabot_alert", payload, { deliveryId: "same" });
    await world.sandbox.idle();
    expect(windows().filter((issue) => issue.state === "open")).toHaveLength(1);
  });

  it("if a race left two windows for one finding, the younger is closed as duplicate of the older", async () => {
    world = await startWorld();
    await send("dependabot_alert", dependabot("created"));
    const [original] = windows();
    // A second instance of the App (another process, the same bot) raced and created the same window.
    const raced = await installationPort(world.sandbox, REPO).createIssue({
      title: original!.title,
      body: original!.body!,
      labels: ["security"],
    });
    const copy = raced.number;
    await world.sandbox.idle();
    await send("dependabot_alert", dependabot("created"));
    const duplicate = world.sandbox.issue(REPO, copy);
    expect(duplicate.state).toBe("closed");
    expect(duplicate.stateReason).toBe("duplicate");
    expect(duplicate.comments.at(-1)?.body).toContain(`Duplicate of #${original!.number}`);
    expect(world.sandbox.issue(REPO, original!.number).state).toBe("open");
  });
});

describe("other sources", () => {
  it("code scanning: created opens a window, closed_by_user closes it recording who and why", async () => {
    world = await startWorld();
    const created = webhookExample("code_scanning_alert", "created") as { alert: Alert };
    await send(
      "code_scanning_alert",
      world.sandbox.webhookPayload("code_scanning_alert", "created", {
        repo: REPO,
        alert: { ...created.alert, created_at: "2026-03-02T09:00:00Z" },
      }),
    );
    const [window] = windows();
    expect(window!.labels).toContain("security: high");
    expect(window!.body).toContain("**Patch deadline: 2026-03-05 09:00 UTC**");
    const closed = webhookExample("code_scanning_alert", "closed_by_user") as { alert: Alert };
    await send(
      "code_scanning_alert",
      world.sandbox.webhookPayload("code_scanning_alert", "closed_by_user", {
        repo: REPO,
        alert: { ...closed.alert, number: (created.alert as { number: number }).number },
      }),
    );
    const issue = world.sandbox.issue(REPO, window!.number);
    expect(issue.state).toBe("closed");
    expect(issue.comments.at(-1)?.body).toContain("was dismissed by `Codertocat`");
    expect(issue.comments.at(-1)?.body).toContain("as false positive.");
  });

  it("secret scanning: a leaked secret opens a critical window with a 24h deadline", async () => {
    world = await startWorld();
    const example = webhookExample("secret_scanning_alert", "reopened", "ghes-35") as {
      alert: Alert;
    };
    await send(
      "secret_scanning_alert",
      world.sandbox.webhookPayload("secret_scanning_alert", "created", {
        repo: REPO,
        alert: example.alert,
      }),
    );
    const [window] = windows();
    expect(window!.labels).toEqual(["security", "security: critical"]);
    expect(window!.body).toContain("**Patch deadline: 2026-03-03 09:00 UTC**");
  });

  it("repository advisories: a private report opens a window, publishing with a patch closes it", async () => {
    world = await startWorld();
    const advisory = (state: string, patched: string | null) => ({
      ghsa_id: "GHSA-abcd-efgh-ijkl",
      cve_id: null,
      html_url: "https://github.com/octo-org/octo-repo/security/advisories/GHSA-abcd-efgh-ijkl",
      summary: "Path traversal in the upload handler",
      severity: "high",
      state,
      created_at: "2026-03-02T09:00:00Z",
      published_at: state === "published" ? "2026-03-03T09:00:00Z" : null,
      vulnerabilities: [
        {
          package: { ecosystem: "npm", name: "octo-upload" },
          vulnerable_version_range: "< 2.1.0",
          patched_versions: patched,
        },
      ],
    });
    await send(
      "repository_advisory",
      world.sandbox.webhookPayload("repository_advisory", "reported", {
        repo: REPO,
        repository_advisory: advisory("triage", null),
      }),
    );
    const [window] = windows();
    expect(window!.title).toBe(
      "Security window: Path traversal in the upload handler in octo-upload",
    );
    expect(window!.body).toContain("**Patch deadline: 2026-03-05 09:00 UTC**");
    await send(
      "repository_advisory",
      world.sandbox.webhookPayload("repository_advisory", "published", {
        repo: REPO,
        repository_advisory: advisory("published", "2.1.0"),
      }),
    );
    const issue = world.sandbox.issue(REPO, window!.number);
    expect(issue.state).toBe("closed");
    expect(issue.comments.at(-1)?.body).toContain("(advisory published with patched versions)");
  });

  it("a malformed alert payload changes nothing and does not fail the delivery", async () => {
    world = await startWorld();
    const response = await send(
      "dependabot_alert",
      world.sandbox.webhookPayload("dependabot_alert", "created", {
        repo: REPO,
        alert: { number: 1 },
      }),
    );
    expect(response.status).toBeLessThan(300);
    expect(windows()).toEqual([]);
  });
});

describe("deadlines", () => {
  it("a window breaches when a later event finds it past its deadline", async () => {
    world = await startWorld({
      config: "tracking:\n  securityWindows:\n    windows:\n      medium: 2h\n",
    });
    await send("dependabot_alert", dependabot("created"));
    world.later(180);
    await send("dependabot_alert", dependabot("created"));
    expect(windows()[0]!.labels).toContain("sla: breached");
  });
});

describe("faults", () => {
  it("with 20% of API calls failing (5xx, 429, secondary limits), every alert still gets exactly one window", async () => {
    world = await startWorld();
    world.sandbox.setFaults({ rate: 0.2, seed: 7 });
    for (const number of [31, 32, 33]) {
      // Three different advisories (the same advisory on one package would share a window).
      const base = dependabot("created", { number }) as {
        alert: { security_advisory: Record<string, unknown> };
      };
      base.alert.security_advisory = {
        ...base.alert.security_advisory,
        ghsa_id: `GHSA-xxxx-xxxx-xx${number}`,
        cve_id: null,
        identifiers: [],
      };
      await send("dependabot_alert", base);
    }
    // Retries can outlast the webhook's response timeout (a 202 "still processing"): wait for the work.
    const keys = () =>
      windows()
        .map((issue) => /security-window id=(\S+)/.exec(issue.body ?? "")?.[1])
        .sort();
    await eventually(() => keys().length === 3, 60_000);
    world.sandbox.setFaults({ rate: 0 });
    expect(keys()).toEqual(["dependabot:31", "dependabot:32", "dependabot:33"]);
    expect(world.sandbox.requests.some((request) => request.status >= 429)).toBe(true);
  }, 120_000);
});

async function eventually(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 200));
}
