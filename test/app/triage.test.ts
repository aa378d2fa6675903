// Severity triage through the real App: Probot's server over signed HTTP, GitHub played by the sandbox.
import { afterEach, describe, expect, it } from "vitest";
import { botComments, type Harness, REPO, severityLabels, startHarness } from "./harness.ts";

let harness: Harness | undefined;
afterEach(async () => {
  harness?.sandbox.assertValid();
  await harness?.close();
  harness = undefined;
});

async function start(config?: string) {
  harness = await startHarness({ files: config ? { ".github/upkeep.yml": config } : {} });
  return harness;
}

describe("triage on issues.opened", () => {
  it("labels from the issue form's Severity field and explains once", async () => {
    const { sandbox } = await start("triage:\n  explain: true\n");
    const number = await sandbox.as("visitor").openIssue(REPO, {
      title: "Checkout typo",
      body: "### Severity\n\nCritical: system down, data loss or security problem\n\n### What happened?\n\nA typo",
    });
    await sandbox.idle();
    expect(severityLabels(sandbox, number)).toEqual(["severity: critical"]);
    const comments = botComments(sandbox, number);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain("<!-- upkeep:triage -->");
    expect(comments[0]?.body).toContain('issue form\'s "Severity" field');
  });

  it("matches a configured rule before the built-in ones", async () => {
    const { sandbox } = await start(
      "triage:\n  rules:\n    - name: billing\n      severity: major\n      keywords: [invoice]\n",
    );
    const number = await sandbox.as("visitor").openIssue(REPO, { title: "Invoice page is down" });
    await sandbox.idle();
    expect(severityLabels(sandbox, number)).toEqual(["severity: major"]);
    expect(botComments(sandbox, number)).toHaveLength(0);
  });

  it("creates the configured labels with their colors", async () => {
    const { sandbox } = await start(
      "triage:\n  labels:\n    critical: { name: P0, color: '#B60205' }\n",
    );
    const number = await sandbox.as("visitor").openIssue(REPO, { title: "Data loss on save" });
    await sandbox.idle();
    expect(sandbox.issue(REPO, number).labels).toEqual(["P0"]);
    expect(sandbox.labels(REPO)).toContainEqual(
      expect.objectContaining({ name: "P0", color: "b60205" }),
    );
  });

  it("leaves needs-triage when nothing decides, and replaces it once something does", async () => {
    const { sandbox } = await start();
    const number = await sandbox.as("visitor").openIssue(REPO, { title: "Question about setup" });
    await sandbox.idle();
    expect(sandbox.issue(REPO, number).labels).toEqual(["needs-triage"]);
    await sandbox
      .as("visitor")
      .editIssue(REPO, number, { body: "Actually the whole site is down" });
    await sandbox.idle();
    expect(sandbox.issue(REPO, number).labels).toEqual(["severity: critical"]);
  });

  it("a maintainer's manual severity is never overwritten", async () => {
    const { sandbox } = await start();
    const number = await sandbox.as("visitor").openIssue(REPO, { title: "Outage in EU" });
    await sandbox.idle();
    await sandbox.as("maria").removeLabel(REPO, number, "severity: critical");
    await sandbox.as("maria").addLabels(REPO, number, ["severity: minor"]);
    await sandbox
      .as("visitor")
      .editIssue(REPO, number, { body: "Still a full outage, data loss too" });
    await sandbox.as("visitor").close(REPO, number);
    await sandbox.as("visitor").reopen(REPO, number);
    await sandbox.idle();
    expect(severityLabels(sandbox, number)).toEqual(["severity: minor"]);
  });

  it("a person setting a severity by label clears needs-triage", async () => {
    const { sandbox } = await start();
    const number = await sandbox.as("visitor").openIssue(REPO, { title: "Question about setup" });
    await sandbox.idle();
    await sandbox.as("tom").addLabels(REPO, number, ["severity: major"]);
    await sandbox.idle();
    expect(sandbox.issue(REPO, number).labels).toEqual(["severity: major"]);
  });

  it("a human removing the severity keeps it removed", async () => {
    const { sandbox } = await start();
    const number = await sandbox.as("visitor").openIssue(REPO, { title: "Outage in EU" });
    await sandbox.idle();
    await sandbox.as("maria").removeLabel(REPO, number, "severity: critical");
    await sandbox.as("visitor").editIssue(REPO, number, { title: "Outage in EU and US" });
    await sandbox.idle();
    expect(severityLabels(sandbox, number)).toEqual([]);
  });

  it("ignores pull requests unless the config enables them", async () => {
    const { sandbox } = await start();
    const pr = await sandbox.as("visitor").openPullRequest(REPO, { title: "Fix outage" });
    await sandbox.idle();
    expect(sandbox.issue(REPO, pr).labels).toEqual([]);
  });

  it("triages pull requests when enabled", async () => {
    const { sandbox } = await start("triage:\n  pullRequests: true\n");
    const pr = await sandbox.as("visitor").openPullRequest(REPO, { title: "Fix typo in docs" });
    await sandbox.idle();
    expect(sandbox.issue(REPO, pr).labels).toEqual(["severity: minor"]);
  });

  it("ignores issues opened by bots", async () => {
    const { sandbox } = await start();
    sandbox.addUser("renovate[bot]", { type: "Bot" });
    const number = await sandbox.as("renovate[bot]").openIssue(REPO, { title: "Outage dashboard" });
    await sandbox.idle();
    expect(sandbox.issue(REPO, number).labels).toEqual([]);
  });
});

describe("config loading", () => {
  it("falls back to the organisation's .github repository, with _extends lists replaced", async () => {
    harness = await startHarness();
    const { sandbox } = harness;
    sandbox.addRepo("octo-org/.github", {
      files: {
        ".github/upkeep.yml":
          "triage:\n  labels:\n    critical: { name: P0 }\n  rules:\n    - severity: minor\n      keywords: [outage]\n",
      },
    });
    const number = await sandbox.as("visitor").openIssue(REPO, { title: "Outage in EU" });
    await sandbox.idle();
    expect(sandbox.issue(REPO, number).labels).toEqual(["severity: minor"]);

    sandbox.setFile(
      REPO,
      ".github/upkeep.yml",
      "_extends: .github\ntriage:\n  rules:\n    - severity: critical\n      keywords: [outage]\n",
    );
    const second = await sandbox.as("visitor").openIssue(REPO, { title: "Outage in US" });
    await sandbox.idle();
    expect(sandbox.issue(REPO, second).labels).toEqual(["P0"]);
  });
});

describe("/severity command", () => {
  it("a maintainer's command sets the severity and later edits keep it", async () => {
    const { sandbox } = await start("triage:\n  explain: true\n");
    const number = await sandbox
      .as("visitor")
      .openIssue(REPO, { title: "Typo on the pricing page" });
    await sandbox.idle();
    expect(severityLabels(sandbox, number)).toEqual(["severity: minor"]);
    await sandbox
      .as("tom")
      .comment(REPO, number, "Prices are wrong for everyone.\n\n  /SEVERITY   Critical ");
    await sandbox.idle();
    expect(severityLabels(sandbox, number)).toEqual(["severity: critical"]);
    await sandbox.as("visitor").editIssue(REPO, number, { body: "just a typo really" });
    await sandbox.idle();
    expect(severityLabels(sandbox, number)).toEqual(["severity: critical"]);
    const comments = botComments(sandbox, number);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain("/severity critical");
  });

  it("someone without triage permission gets one polite reply and nothing changes", async () => {
    const { sandbox } = await start();
    const number = await sandbox.as("visitor").openIssue(REPO, { title: "Typo in footer" });
    await sandbox.idle();
    await sandbox.as("rita").comment(REPO, number, "/severity critical");
    await sandbox.as("rita").comment(REPO, number, "/severity critical please!!");
    await sandbox.idle();
    expect(severityLabels(sandbox, number)).toEqual(["severity: minor"]);
    const replies = botComments(sandbox, number);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.body).toMatch(/Only people with triage permission/);
    expect(replies[0]?.body).not.toMatch(/@\w/);
  });

  it("an unknown level gets a reply listing the valid ones", async () => {
    const { sandbox } = await start();
    const number = await sandbox.as("visitor").openIssue(REPO, { title: "Typo in footer" });
    await sandbox.idle();
    await sandbox.as("maria").comment(REPO, number, "/severity @octo-org/everyone");
    await sandbox.idle();
    const [reply] = botComments(sandbox, number);
    expect(reply?.body).toContain("`/severity critical`, `/severity major`, `/severity minor`");
    expect(reply?.body).not.toMatch(/@[a-z]/i);
    expect(severityLabels(sandbox, number)).toEqual(["severity: minor"]);
  });

  it("commands in code blocks or quotes are ignored", async () => {
    const { sandbox } = await start();
    const number = await sandbox.as("visitor").openIssue(REPO, { title: "Typo in footer" });
    await sandbox.idle();
    await sandbox
      .as("maria")
      .comment(REPO, number, "Use this:\n```\n/severity critical\n```\n> /severity major");
    await sandbox.idle();
    expect(severityLabels(sandbox, number)).toEqual(["severity: minor"]);
    expect(botComments(sandbox, number)).toHaveLength(0);
  });
});

describe("installation", () => {
  it("creates the configured triage labels in every repository it is given", async () => {
    harness = await startHarness();
    const { sandbox } = harness;
    sandbox.addRepo("acme/web", {
      installed: false,
      files: { ".github/upkeep.yml": "triage:\n  labels:\n    minor: { name: 'sev: low' }\n" },
    });
    sandbox.addRepo("acme/api", { installed: false });
    sandbox.addUser("acme-admin");
    sandbox.install("acme", "acme-admin");
    await sandbox.idle();
    const names = (repo: string) => sandbox.labels(repo).map((label) => label.name);
    expect(names("acme/web")).toEqual(
      expect.arrayContaining(["severity: critical", "severity: major", "sev: low", "needs-triage"]),
    );
    expect(names("acme/api")).toEqual(
      expect.arrayContaining(["severity: critical", "severity: major", "severity: minor"]),
    );
  });
});
