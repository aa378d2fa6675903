// The triage action as the runner runs it: the bundled dist file in a subprocess, with the event
// file, INPUT_* variables and GITHUB_API_URL pointing at the sandbox.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "../../sandbox/index.ts";
import { deliveredPayload } from "../app/harness.ts";
import { answer, startFakeChatServer } from "../support/fake-chat-server.ts";
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

function run(
  s: Sandbox,
  eventName: string,
  event: unknown,
  workspace?: string,
  env?: Record<string, string>,
) {
  return runAction({
    env,
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

describe("triage action with the model-assisted classifier (fake endpoint on loopback)", () => {
  const modelConfig = (baseUrl: string) =>
    [
      "triage:",
      "  explain: true",
      "  model:",
      "    enabled: true",
      "    endpoint: openai-compatible",
      `    baseUrl: ${baseUrl}`,
      "    model: local/triage",
      "    apiKeyEnv: UPKEEP_TEST_MODEL_KEY",
      "    timeout: 2s",
      "",
    ].join("\n");

  it("labels from the model's answer and explains it with the quoted evidence", async () => {
    const chat = await startFakeChatServer();
    try {
      chat.script({ content: answer("critical", "invoices of other customers"), totalTokens: 420 });
      const s = await setup({ ".github/upkeep.yml": modelConfig(chat.baseUrl) });
      const number = await s.as("visitor").openIssue(REPO, {
        title: "Invoice page",
        body: "Logged in as a shop owner I can open the invoices of other customers.",
      });
      const result = await run(
        s,
        "issues",
        deliveredPayload(s, "issues", "opened", number),
        undefined,
        {
          UPKEEP_TEST_MODEL_KEY: "sk-local",
        },
      );
      expect(result.exitCode, result.stdout).toBe(0);
      expect(result.outputs.severity).toBe("critical");
      expect(result.outputs.reason).toContain("local/triage");
      expect(s.issue(REPO, number).labels).toEqual(["severity: critical"]);
      const [comment] = s.issue(REPO, number).comments;
      expect(comment?.body).toContain("invoices of other customers");
      expect(chat.received[0]?.headers.authorization).toBe("Bearer sk-local");
      expect(result.stdout).not.toContain("sk-local");
    } finally {
      await chat.close();
    }
  });

  it("when the endpoint does not answer in time the rules decide, and the reason says so", async () => {
    const chat = await startFakeChatServer();
    try {
      chat.script({ hangMs: 5000 });
      const s = await setup({ ".github/upkeep.yml": modelConfig(chat.baseUrl) });
      const number = await s.as("visitor").openIssue(REPO, { title: "Typo in the footer" });
      const result = await run(
        s,
        "issues",
        deliveredPayload(s, "issues", "opened", number),
        undefined,
        {
          UPKEEP_TEST_MODEL_KEY: "sk-local",
        },
      );
      expect(result.exitCode, result.stdout).toBe(0);
      expect(result.outputs.severity).toBe("minor");
      expect(result.outputs.reason).toContain("the model was not used: no answer within 2s");
      expect(s.issue(REPO, number).labels).toEqual(["severity: minor"]);
    } finally {
      await chat.close();
    }
  });
});
