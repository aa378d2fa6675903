import { verify } from "@octokit/webhooks-methods";
import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../core/time/clock.ts";
import { type Sandbox, startSandbox } from "../../sandbox/index.ts";
import { exampleFor } from "../../sandbox/webhooks/examples.ts";
import { type ReceivedDelivery, startReceiver, type WebhookReceiver } from "./webhook-receiver.ts";

const REPO = "octo-org/octo-repo";
const SECRET = "It's a Secret to Everybody";
let sandbox: Sandbox | undefined;
let receiver: WebhookReceiver | undefined;

afterEach(async () => {
  sandbox?.assertValid();
  await sandbox?.close();
  await receiver?.close();
  sandbox = undefined;
  receiver = undefined;
});

// biome-ignore lint/suspicious/noExplicitAny: assertions walk the payload field by field.
function parsed(delivery: ReceivedDelivery): Record<string, any> {
  return JSON.parse(delivery.body);
}

function summary(deliveries: ReceivedDelivery[]): string[] {
  return deliveries.map(
    (delivery) => `${delivery.headers["x-github-event"]}.${parsed(delivery).action}`,
  );
}

describe("webhooks from scripted users", () => {
  it("opening an issue delivers a correctly signed issues.opened shaped like GitHub's example", async () => {
    receiver = await startReceiver();
    sandbox = await startSandbox({
      webhook: { url: receiver.url, secret: SECRET },
      clock: new ManualClock("2026-03-02T09:00:00Z"),
    });
    sandbox.addRepo(REPO);
    const number = await sandbox
      .as("alice")
      .openIssue(REPO, { title: "App crashes on start", body: "Stack trace…" });
    await sandbox.idle();

    expect(receiver.received).toHaveLength(1);
    const [delivery] = receiver.received as [ReceivedDelivery];
    expect(delivery.headers["x-github-event"]).toBe("issues");
    expect(delivery.headers["x-github-delivery"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(delivery.headers["content-type"]).toBe("application/json");
    const signature = String(delivery.headers["x-hub-signature-256"]);
    expect(await verify(SECRET, delivery.body, signature)).toBe(true);
    expect(await verify("another secret", delivery.body, signature)).toBe(false);

    const payload = parsed(delivery);
    const example = exampleFor("issues", "opened")!;
    for (const key of Object.keys(example))
      if (key !== "organization") expect(payload).toHaveProperty(key);
    for (const key of Object.keys(example.issue as object))
      expect(payload.issue).toHaveProperty(key);
    expect(payload.action).toBe("opened");
    expect(payload.issue).toMatchObject({
      number,
      title: "App crashes on start",
      state: "open",
      created_at: "2026-03-02T09:00:00Z",
    });
    expect(payload.sender).toMatchObject({ login: "alice", type: "User" });
    expect(payload.repository).toMatchObject({ full_name: REPO, default_branch: "main" });
    expect(payload.installation).toEqual({
      id: sandbox.installationId("octo-org"),
      node_id: expect.any(String),
    });
    expect(payload.organization).toMatchObject({ login: "octo-org" });
    expect(sandbox.deliveries).toEqual([
      expect.objectContaining({ event: "issues", action: "opened", status: 200 }),
    ]);
  });

  it("each scripted action sends the events GitHub sends, in order", async () => {
    receiver = await startReceiver();
    sandbox = await startSandbox({ webhook: { url: receiver.url, secret: SECRET } });
    sandbox.addRepo(REPO);
    sandbox.addUser("bob");
    const alice = sandbox.as("alice");
    const number = await alice.openIssue(REPO, {
      title: "Crash",
      labels: ["bug", "needs-triage"],
      assignees: ["bob"],
    });
    const commentId = await alice.comment(REPO, number, "More detail");
    await alice.editComment(REPO, commentId, "Even more detail");
    await alice.editIssue(REPO, number, { title: "Crash on start" });
    await alice.removeLabel(REPO, number, "needs-triage");
    await alice.close(REPO, number, "not_planned");
    await alice.reopen(REPO, number);
    await sandbox.as("carol").openPullRequest(REPO, { title: "Fix crash", body: "Fixes #1" });
    await sandbox.idle();

    expect(summary(receiver.received)).toEqual([
      "issues.opened",
      "issues.labeled",
      "label.created",
      "issues.labeled",
      "issues.assigned",
      "issue_comment.created",
      "issue_comment.edited",
      "issues.edited",
      "issues.unlabeled",
      "issues.closed",
      "issues.reopened",
      "pull_request.opened",
    ]);
    const payloads = receiver.received.map(parsed);
    expect(payloads[1]?.label.name).toBe("bug");
    expect(payloads[2]?.label).toMatchObject({ name: "needs-triage", color: "ededed" });
    expect(payloads[3]?.label.name).toBe("needs-triage");
    expect(payloads[4]?.assignee.login).toBe("bob");
    expect(payloads[6]?.changes).toEqual({ body: { from: "More detail" } });
    expect(payloads[7]?.changes).toEqual({ title: { from: "Crash" } });
    expect(payloads[9]?.issue).toMatchObject({ state: "closed", state_reason: "not_planned" });
    // Creation-time labels are already on the opened issue, as GitHub applies them first.
    expect(payloads[0]?.issue.labels.map((label: { name: string }) => label.name)).toEqual([
      "bug",
      "needs-triage",
    ]);
    // Payloads show the issue as it was when the event happened, not as it is at delivery.
    expect(payloads[5]?.issue.comments).toBe(1);
    expect(payloads[0]?.issue.comments).toBe(0);
    expect(payloads[10]?.issue.state).toBe("open");
    expect(payloads[11]?.pull_request).toMatchObject({
      number: 2,
      title: "Fix crash",
      user: { login: "carol" },
    });
  });

  it("the app's own writes through the API come back to it as webhooks sent by the bot", async () => {
    let token = "";
    let handledOnce = false;
    receiver = await startReceiver(async (delivery) => {
      const payload = parsed(delivery);
      if (
        delivery.headers["x-github-event"] !== "issues" ||
        payload.action !== "opened" ||
        handledOnce
      )
        return;
      handledOnce = true;
      // Like an app handler: label the new issue before answering the delivery.
      await fetch(`${sandbox!.url}/repos/${REPO}/issues/${payload.issue.number}/labels`, {
        method: "POST",
        headers: { authorization: `token ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ labels: ["severity:minor"] }),
      });
    });
    sandbox = await startSandbox({ webhook: { url: receiver.url, secret: SECRET } });
    sandbox.addRepo(REPO);
    token = sandbox.installationToken("octo-org");
    const number = await sandbox.as("alice").openIssue(REPO, { title: "Typo in docs" });
    await sandbox.idle();

    expect(summary(receiver.received)).toEqual([
      "issues.opened",
      "label.created",
      "issues.labeled",
    ]);
    const labeled = parsed(receiver.received[2]!);
    expect(labeled.sender).toMatchObject({ login: "upkeep[bot]", type: "Bot" });
    expect(labeled.label.name).toBe("severity:minor");
    expect(sandbox.issue(REPO, number).labels).toEqual(["severity:minor"]);
  });

  it("deliver() signs any payload and reports the receiver's answer", async () => {
    receiver = await startReceiver();
    sandbox = await startSandbox({ webhook: { url: receiver.url, secret: SECRET } });
    sandbox.addRepo(REPO);
    const payload = sandbox.webhookPayload("dependabot_alert", "created", {
      repo: REPO,
      sender: "dependabot[bot]",
    });
    expect(payload.repository).toMatchObject({ full_name: REPO });
    expect(payload.alert).toBeDefined();
    const result = await sandbox.deliver("dependabot_alert", payload, { deliveryId: "delivery-1" });
    expect(result).toEqual({ status: 200, body: "ok" });
    const delivery = receiver.received[0]!;
    expect(delivery.headers["x-github-delivery"]).toBe("delivery-1");
    expect(
      await verify(SECRET, delivery.body, String(delivery.headers["x-hub-signature-256"])),
    ).toBe(true);
  });

  it("merging a pull request closes the issues it fixes with the merge commit", async () => {
    receiver = await startReceiver();
    sandbox = await startSandbox({ webhook: { url: receiver.url, secret: SECRET } });
    sandbox.addRepo(REPO);
    const bug = await sandbox.as("alice").openIssue(REPO, { title: "Crash" });
    const other = await sandbox.as("alice").openIssue(REPO, { title: "Unrelated" });
    const pull = await sandbox
      .as("carol")
      .openPullRequest(REPO, { title: "Fix crash", body: `Fixes #${bug}` });
    const sha = await sandbox.as("maria").mergePullRequest(REPO, pull);
    await sandbox.idle();

    expect(summary(receiver.received).slice(-2)).toEqual(["pull_request.closed", "issues.closed"]);
    const [merged, closed] = receiver.received.slice(-2).map(parsed);
    expect(merged?.pull_request).toMatchObject({
      number: pull,
      merged: true,
      merge_commit_sha: sha,
      state: "closed",
    });
    expect(closed?.issue).toMatchObject({
      number: bug,
      state: "closed",
      state_reason: "completed",
    });
    expect(closed?.sender.login).toBe("maria");
    expect(sandbox.issue(REPO, other).state).toBe("open");
    const token = sandbox.installationToken("octo-org");
    const events = (await (
      await fetch(`${sandbox.url}/repos/${REPO}/issues/${bug}/events`, {
        headers: { authorization: `token ${token}` },
      })
    ).json()) as { event: string; commit_id: string | null }[];
    expect(events.map((event) => [event.event, event.commit_id])).toEqual([["closed", sha]]);
    const commit = (await (
      await fetch(`${sandbox.url}/repos/${REPO}/commits/${sha}`, {
        headers: { authorization: `token ${token}` },
      })
    ).json()) as { commit: { message: string }; author: { login: string } };
    expect(commit.commit.message).toContain(`Fix crash (#${pull})`);
    expect(commit.author.login).toBe("carol");
  });

  it("webhookPayload renders a sandbox issue by number as it is now", async () => {
    sandbox = await startSandbox();
    sandbox.addRepo(REPO);
    const number = await sandbox.as("alice").openIssue(REPO, { title: "Crash", labels: ["bug"] });
    await sandbox.as("alice").close(REPO, number, "completed");
    const payload = sandbox.webhookPayload("issues", "closed", {
      repo: REPO,
      sender: "alice",
      issue: number,
    });
    expect(payload.issue).toMatchObject({
      number,
      state: "closed",
      state_reason: "completed",
      labels: [{ name: "bug" }],
    });
    expect(payload.sender).toMatchObject({ login: "alice" });
  });

  it("install() announces a new installation and repositories added to it later", async () => {
    receiver = await startReceiver();
    sandbox = await startSandbox({ webhook: { url: receiver.url, secret: SECRET } });
    sandbox.addRepo("acme/one", { installed: false });
    sandbox.install("acme", "acme-admin");
    sandbox.addRepo("acme/two", { installed: false });
    sandbox.install("acme", "acme-admin");
    await sandbox.idle();
    expect(summary(receiver.received)).toEqual([
      "installation.created",
      "installation_repositories.added",
    ]);
    const [created, added] = receiver.received.map(parsed);
    expect(created?.installation.id).toBe(sandbox.installationId("acme"));
    expect(created?.repositories.map((repo: { full_name: string }) => repo.full_name)).toEqual([
      "acme/one",
    ]);
    expect(added?.repositories_added.map((repo: { full_name: string }) => repo.full_name)).toEqual([
      "acme/two",
    ]);
  });

  it("can deliver concurrently and out of order, as GitHub may, and redeliver with the same id", async () => {
    let inFlight = 0;
    let most = 0;
    receiver = await startReceiver(async () => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 20));
      inFlight--;
    });
    sandbox = await startSandbox({ webhook: { url: receiver.url, secret: SECRET } });
    sandbox.addRepo(REPO);
    sandbox.setDeliveryMode({ concurrency: 4, shuffleSeed: 3 });
    for (let index = 1; index <= 8; index++)
      await sandbox.as("alice").openIssue(REPO, { title: `Issue ${index}` });
    await sandbox.idle();
    const order = receiver.received.map((delivery) => parsed(delivery).issue.number);
    expect([...order].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(order).not.toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(most).toBeGreaterThan(1);

    const first = sandbox.deliveries[0]!;
    const again = await sandbox.redeliver(first.id);
    expect(again.status).toBe(200);
    const last = receiver.received.at(-1)!;
    expect(last.headers["x-github-delivery"]).toBe(first.id);
    expect(parsed(last)).toEqual(first.payload);
  });

  it("settled() also waits for API calls a receiver makes after answering its delivery", async () => {
    let token = "";
    receiver = await startReceiver((delivery) => {
      const payload = parsed(delivery);
      if (payload.action !== "opened") return;
      // Answer now, work later: like an app that replies 202 past its deadline and carries on.
      setTimeout(() => {
        void fetch(`${sandbox!.url}/repos/${REPO}/issues/${payload.issue.number}/labels`, {
          method: "POST",
          headers: { authorization: `token ${token}`, "content-type": "application/json" },
          body: JSON.stringify({ labels: ["late"] }),
        });
      }, 250);
    });
    sandbox = await startSandbox({ webhook: { url: receiver.url, secret: SECRET } });
    sandbox.addRepo(REPO);
    token = sandbox.installationToken("octo-org");
    const number = await sandbox.as("alice").openIssue(REPO, { title: "Slow" });
    await sandbox.idle();
    expect(sandbox.issue(REPO, number).labels).toEqual([]);
    await sandbox.settled({ quietMs: 2_000 });
    expect(sandbox.issue(REPO, number).labels).toEqual(["late"]);
  });

  it("without a webhook URL deliveries are logged and dropped", async () => {
    sandbox = await startSandbox();
    sandbox.addRepo(REPO);
    await sandbox.as("alice").openIssue(REPO, { title: "Nobody listens" });
    await sandbox.idle();
    expect(sandbox.deliveries).toEqual([
      expect.objectContaining({ event: "issues", action: "opened", status: 0 }),
    ]);
  });
});
