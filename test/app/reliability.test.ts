// The reliability promises of severity triage, through the real App over signed HTTP and the
// sandbox: bad signatures, redeliveries, concurrent events, injected faults, hostile input.
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import {
  botComments,
  deliveredPayload,
  type Harness,
  postWebhook,
  REPO,
  severityLabels,
  startHarness,
} from "./harness.ts";

let harness: Harness | undefined;
afterEach(async () => {
  harness?.sandbox.assertValid();
  await harness?.close();
  harness = undefined;
});

/** Opens an issue while the App is unreachable, so the test decides how its event arrives. */
async function openQuietly(h: Harness, title: string, body = "") {
  h.sandbox.setWebhook({ url: "http://127.0.0.1:9/unreachable" });
  const number = await h.sandbox.as("visitor").openIssue(REPO, { title, body });
  await h.sandbox.idle();
  h.sandbox.setWebhook({ url: h.app.webhookUrl, secret: h.sandbox.webhookSecret });
  h.sandbox.resetRequests();
  return { number, payload: deliveredPayload(h.sandbox, "issues", "opened", number) };
}

const EXPLAIN = { ".github/upkeep.yml": "triage:\n  explain: true\n" };

describe("webhook signatures", () => {
  it("a signed issues.opened reaches the handler, which reads config and writes through the port", async () => {
    harness = await startHarness({ files: EXPLAIN });
    const { number, payload } = await openQuietly(harness, "Data loss when saving drafts");
    expect(await postWebhook(harness, "issues", payload)).toBe(202);
    await harness.sandbox.idle();
    const paths = harness.sandbox.requests.map((request) => `${request.method} ${request.path}`);
    expect(paths).toContain("GET /repos/octo-org/octo-repo/contents/.github%2Fupkeep.yml");
    expect(severityLabels(harness.sandbox, number)).toEqual(["severity: critical"]);
    expect(botComments(harness.sandbox, number)).toHaveLength(1);
  });

  it.each([
    ["unsigned", null],
    ["signed with the wrong secret", "not-the-secret"],
  ])("an %s delivery is rejected with 4xx and changes nothing", async (_case, secret) => {
    harness = await startHarness({ files: EXPLAIN });
    const { number, payload } = await openQuietly(harness, "Data loss when saving drafts");
    const status = await postWebhook(harness, "issues", payload, { secret });
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
    expect(harness.sandbox.requests).toEqual([]);
    expect(harness.sandbox.issue(REPO, number).labels).toEqual([]);
    expect(harness.sandbox.issue(REPO, number).comments).toEqual([]);
  });

  it("serves a health endpoint for load balancers", async () => {
    harness = await startHarness();
    const response = await fetch(`${harness.app.url}/healthz`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/json");
    expect(await response.json()).toMatchObject({ status: "ok", app: "upkeep" });
  });
});

describe("duplicates", () => {
  it("the same issues.opened delivered 10 times ends with one label and one comment", async () => {
    harness = await startHarness({ files: EXPLAIN });
    const { number, payload } = await openQuietly(harness, "The API is down");
    const sameId = randomUUID();
    for (let attempt = 0; attempt < 10; attempt++) {
      const id = attempt % 2 === 0 ? sameId : randomUUID();
      expect([200, 202]).toContain(await postWebhook(harness, "issues", payload, { id }));
    }
    await harness.sandbox.idle();
    expect(harness.sandbox.issue(REPO, number).labels).toEqual(["severity: critical"]);
    expect(botComments(harness.sandbox, number)).toHaveLength(1);
  });

  it("20 different events for one issue delivered at once end with one label and one comment", async () => {
    harness = await startHarness({ files: EXPLAIN });
    const h = harness;
    const { number, payload } = await openQuietly(h, "Regression: export is broken");
    const edited = { ...payload, action: "edited", changes: { title: { from: "Export" } } };
    const reopened = { ...payload, action: "reopened" };
    const comment = h.sandbox.webhookPayload("issue_comment", "created", {
      repo: REPO,
      sender: "maria",
      issue: payload.issue,
    });
    const events: [string, unknown][] = [];
    for (let index = 0; index < 5; index++) {
      events.push(["issues", payload], ["issues", edited], ["issues", reopened]);
      events.push(["issue_comment", comment]);
    }
    const statuses = await Promise.all(events.map(([event, body]) => postWebhook(h, event, body)));
    expect(statuses.every((status) => status === 202)).toBe(true);
    await h.sandbox.idle();
    expect(h.sandbox.issue(REPO, number).labels).toEqual(["severity: major"]);
    expect(botComments(h.sandbox, number)).toHaveLength(1);
  });
});

describe("faults", () => {
  it("with 20% of API calls failing (5xx, 429, secondary limits) every triage completes", async () => {
    harness = await startHarness({ files: EXPLAIN, faults: 0.2 });
    const { sandbox } = harness;
    const titles: [string, string][] = [
      ["Production outage", "severity: critical"],
      ["Typo in settings", "severity: minor"],
      ["Search is broken", "severity: major"],
      ["Security vulnerability in upload", "severity: critical"],
      ["Cosmetic glitch in footer", "severity: minor"],
      ["Performance degraded since 2.1", "severity: major"],
    ];
    const numbers: number[] = [];
    for (const [title] of titles)
      numbers.push(await sandbox.as("visitor").openIssue(REPO, { title }));
    await sandbox.idle();
    const faulted = sandbox.requests.filter((request) => request.status >= 429);
    expect(faulted.length).toBeGreaterThan(0);
    for (const [index, [, label]] of titles.entries()) {
      const number = numbers[index] as number;
      expect(severityLabels(sandbox, number)).toEqual([label]);
      expect(botComments(sandbox, number)).toHaveLength(1);
    }
    const failed = sandbox.deliveries.filter(
      (delivery) => delivery.status >= 300 || delivery.status === 0,
    );
    expect(failed).toEqual([]);
  });
});

describe("hostile input", () => {
  const hostile = [
    "<script>alert(1)</script> <img src=x onerror=alert(1)>",
    "| a | b |\n|---|---|\n| @octo-org/security | @alice |",
    "cc @octo-org/everyone @bob",
    "zero\u200bwidth\u200d\ufeff and \u0000 control \u001b[31m",
    "lone surrogate \ud800 and mojibake Ã¼Ã¶ \uFFFD",
  ].join("\n\n");

  it("a 1 MB body with HTML, tables, mentions and odd characters is triaged and nobody is pinged", async () => {
    harness = await startHarness({ files: EXPLAIN });
    const { sandbox } = harness;
    const body = `${hostile}\n\n${"x".repeat(1024 * 1024)}\n\nThe service is down`;
    const number = await sandbox.as("visitor").openIssue(REPO, {
      title: "@octo-org/security out\u200bage <b>now</b>",
      body,
    });
    await sandbox.idle();
    expect(
      sandbox.deliveries.every((delivery) => delivery.status === 200 || delivery.status === 202),
    ).toBe(true);
    expect(severityLabels(sandbox, number)).toEqual(["severity: critical"]);
    for (const comment of sandbox.issue(REPO, number).comments) {
      expect(comment.body).not.toMatch(/@[A-Za-z0-9]/);
      expect(comment.body).not.toContain("<script");
    }
  });

  it("a hostile /severity argument is quoted inert in the reply", async () => {
    harness = await startHarness();
    const { sandbox } = harness;
    const number = await sandbox.as("visitor").openIssue(REPO, { title: "Typo" });
    await sandbox.idle();
    await sandbox.as("maria").comment(REPO, number, "/severity @octo-org/everyone`<img>");
    await sandbox.as("rita").comment(REPO, number, "/severity critical @bob");
    await sandbox.idle();
    const replies = botComments(sandbox, number);
    expect(replies).toHaveLength(2);
    for (const reply of replies) expect(reply.body).not.toMatch(/@[A-Za-z0-9]/);
  });
});

describe("bad config", () => {
  const BAD = [
    "triage:",
    "  rules:",
    "    - severity: urgent",
    "      keywords: [fire]",
    "    - severity: major",
    "      pattern: '(unclosed'",
    "",
  ].join("\n");

  it("is reported once in one issue, triage falls back to defaults, and the issue closes when fixed", async () => {
    harness = await startHarness({ files: { ".github/upkeep.yml": BAD } });
    const { sandbox } = harness;
    const numbers = [];
    for (const title of ["Outage in EU", "Typo in docs", "Search is broken"])
      numbers.push(await sandbox.as("visitor").openIssue(REPO, { title }));
    await sandbox.idle();
    const reports = sandbox
      .issues(REPO)
      .filter((issue) => issue.title === "Upkeep: invalid .github/upkeep.yml");
    expect(reports).toHaveLength(1);
    const report = reports[0]!;
    expect(report.body).toContain(".github/upkeep.yml:3");
    expect(report.body).toContain("triage.rules.0.severity");
    expect(report.body).toContain(".github/upkeep.yml:6");
    expect(report.body).toMatch(/invalid regular expression/);
    expect(report.labels).toEqual(["upkeep: config error"]);
    expect(numbers.map((number) => severityLabels(sandbox, number))).toEqual([
      ["severity: critical"],
      ["severity: minor"],
      ["severity: major"],
    ]);
    // The report itself was opened by Upkeep and is not triaged.
    expect(severityLabels(sandbox, report.number)).toEqual([]);

    sandbox.setFile(REPO, ".github/upkeep.yml", "triage:\n  explain: true\n");
    const push = sandbox.webhookPayload("push", undefined, { repo: REPO, sender: "maria" });
    const [commit] = push.commits as Record<string, unknown>[];
    await sandbox.deliver("push", {
      ...push,
      ref: "refs/heads/main",
      commits: [{ ...commit, added: [], removed: [], modified: [".github/upkeep.yml"] }],
    });
    await sandbox.idle();
    expect(sandbox.issue(REPO, report.number).state).toBe("closed");
  });
});
