// The triage action as the runner runs it: the bundled dist file in a subprocess, with the event
// file, INPUT_* variables and GITHUB_API_URL pointing at the sandbox.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "../../sandbox/index.ts";
import { deliveredPayload } from "../app/harness.ts";
import { runAction } from "../support/run-action.ts";
import { REPO_ROOT } from "../support/run-cli.ts";

const REPO = "octo-org/octo-repo";
const ENTRY = join(REPO_ROOT, "actions/triage/dist/index.js");

let sandbox: Sandbox | undefined;
afterEach(async () => {
  sandbox?.assertValid();
  await sandbox?.close();
  sandbox = undefined;
});

async function setup(files: Record<string, string> = {}) {
  sandbox = await startSandbox();
  sandbox.addRepo(REPO, { files });
  for (const [login, permission] of [
    ["maria", "maintain"],
    ["rita", "read"],
  ] as const) {
    sandbox.addUser(login);
    sandbox.setPermission(REPO, login, permission);
  }
  sandbox.addUser("visitor");
  return sandbox;
}

function run(s: Sandbox, eventName: string, event: unknown, workspace?: string) {
  return runAction({
    entry: ENTRY,
    eventName,
    event,
    repository: REPO,
    apiUrl: s.url,
    workspace,
    inputs: { token: s.installationToken("octo-org"), config: ".github/upkeep.yml" },
  });
}

describe("triage action", () => {
  it("labels an opened issue and reports the decision in outputs and the job summary", async () => {
    const s = await setup({ ".github/upkeep.yml": "triage:\n  explain: true\n" });
    const number = await s
      .as("visitor")
      .openIssue(REPO, { title: "Checkout is down for everyone" });
    const result = await run(s, "issues", deliveredPayload(s, "issues", "opened", number));
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toMatchObject({
      severity: "critical",
      outcome: "triaged",
      "config-valid": "true",
    });
    expect(result.outputs.reason).toContain("outage");
    expect(result.summary).toContain("Upkeep severity triage");
    expect(result.summary).toContain("severity: critical");
    expect(s.issue(REPO, number).labels).toEqual(["severity: critical"]);
    expect(s.issue(REPO, number).comments.map((comment) => comment.user)).toEqual(["upkeep[bot]"]);
    // A second run for the same event changes nothing.
    await run(s, "issues", deliveredPayload(s, "issues", "opened", number));
    expect(s.issue(REPO, number).comments).toHaveLength(1);
  });

  it("applies a maintainer's /severity and refuses an outsider's once", async () => {
    const s = await setup();
    const number = await s.as("visitor").openIssue(REPO, { title: "Typo in the footer" });
    await run(s, "issues", deliveredPayload(s, "issues", "opened", number));
    expect(s.issue(REPO, number).labels).toEqual(["severity: minor"]);

    await s.as("maria").comment(REPO, number, "/severity major");
    const applied = await run(s, "issue_comment", s.deliveries.at(-1)?.payload);
    expect(applied.outputs).toMatchObject({ outcome: "applied", severity: "major" });
    expect(s.issue(REPO, number).labels).toEqual(["severity: major"]);

    await s.as("rita").comment(REPO, number, "/severity critical");
    const refused = await run(s, "issue_comment", s.deliveries.at(-1)?.payload);
    expect(refused.outputs.outcome).toBe("replied");
    expect(s.issue(REPO, number).labels).toEqual(["severity: major"]);
    expect(s.issue(REPO, number).comments.filter((c) => c.user === "upkeep[bot]")).toHaveLength(1);
  });

  it("a bad config is annotated at its line, triage still runs on the defaults, and the step fails", async () => {
    const s = await setup();
    const workspace = mkdtempSync(join(tmpdir(), "upkeep-triage-ws-"));
    mkdirSync(join(workspace, ".github"));
    writeFileSync(
      join(workspace, ".github/upkeep.yml"),
      "triage:\n  rules:\n    - severity: urgent\n      keywords: [fire]\n",
    );
    const number = await s.as("visitor").openIssue(REPO, { title: "Data loss on import" });
    const result = await run(
      s,
      "issues",
      deliveredPayload(s, "issues", "opened", number),
      workspace,
    );
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(
      /::error title=Invalid Upkeep config,file=\.github\/upkeep\.yml,line=3/,
    );
    expect(result.outputs["config-valid"]).toBe("false");
    expect(s.issue(REPO, number).labels).toEqual(["severity: critical"]);
  });

  it("follows _extends and the organisation's .github repository like the App", async () => {
    const s = await setup();
    s.addRepo("octo-org/.github", {
      files: { ".github/upkeep.yml": "triage:\n  labels:\n    critical: { name: P0 }\n" },
    });
    const first = await s.as("visitor").openIssue(REPO, { title: "Checkout is down for everyone" });
    const inherited = await run(s, "issues", deliveredPayload(s, "issues", "opened", first));
    expect(inherited.exitCode).toBe(0);
    expect(s.issue(REPO, first).labels).toEqual(["P0"]);

    const workspace = mkdtempSync(join(tmpdir(), "upkeep-triage-ws-"));
    mkdirSync(join(workspace, ".github"));
    writeFileSync(join(workspace, ".github/upkeep.yml"), "_extends: octo-org/secrets:keys.yml\n");
    const second = await s.as("visitor").openIssue(REPO, { title: "Checkout is down again" });
    const refused = await run(
      s,
      "issues",
      deliveredPayload(s, "issues", "opened", second),
      workspace,
    );
    expect(refused.stdout).toMatch(
      /::error title=Invalid Upkeep config,file=\.github\/upkeep\.yml,line=1.*only \.github\/upkeep\.yml of another repository/,
    );
    expect(refused.outputs["config-valid"]).toBe("false");
  });

  it("completes with 20% of API calls failing (5xx, 429, secondary rate limits)", async () => {
    const s = await setup({ ".github/upkeep.yml": "triage:\n  explain: true\n" });
    const number = await s
      .as("visitor")
      .openIssue(REPO, { title: "Security vulnerability in upload" });
    s.setFaults({ rate: 0.2, seed: 11 });
    const result = await run(s, "issues", deliveredPayload(s, "issues", "opened", number));
    s.setFaults({ rate: 0 });
    expect(result.exitCode, result.stdout).toBe(0);
    expect(s.requests.some((request) => request.status >= 429)).toBe(true);
    expect(s.issue(REPO, number).labels).toEqual(["severity: critical"]);
    expect(s.issue(REPO, number).comments).toHaveLength(1);
  }, 120_000);

  it("ignores events caused by bots", async () => {
    const s = await setup();
    const number = await s.as("visitor").openIssue(REPO, { title: "Outage" });
    const payload = deliveredPayload(s, "issues", "opened", number);
    const fromBot = {
      ...payload,
      sender: { ...(payload.sender as object), login: "upkeep[bot]", type: "Bot" },
    };
    const result = await run(s, "issues", fromBot);
    expect(result.outputs.outcome).toBe("ignored");
    expect(s.issue(REPO, number).labels).toEqual([]);
  });
});
