// Hostile issues and a hostile rule through the real App (signed webhooks, sandbox GitHub) and
// through the triage action as a process. One App process serves every installation, so a body
// built to stall a backtracking parser and a catastrophic user pattern must cost milliseconds,
// and the next installation's issue must still be served. A backtracking version of either
// parser takes minutes on these inputs, so the loose bounds below (CPU, not wall-clock) or the
// test timeout catch a regression without depending on the machine's speed.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "../../sandbox/index.ts";
import { runAction } from "../support/run-action.ts";
import { REPO_ROOT, runUpkeep } from "../support/run-cli.ts";
import { deliveredPayload, type Harness, REPO, startHarness } from "./harness.ts";

const HOSTILE_RULE = [
  "triage:",
  "  explain: true",
  "  rules:",
  "    - name: catastrophic",
  "      severity: critical",
  "      body: '(a+)+$'",
  "",
].join("\n");

/** `###` and 100k spaces: more than GitHub allows, so it is also cut to the triage budget. */
const SPACES_BODY = `###${" ".repeat(100_000)}`;
/** Cubic for the old form-heading pattern, exponential for `(a+)+$` on a backtracking engine. */
const BACKTRACKING_BODY = `### a${" ".repeat(50_000)}#x\n\n${"a".repeat(10_000)}!`;

const CPU_BOUND_MS = 20_000;

let harness: Harness | undefined;
let sandbox: Sandbox | undefined;
afterEach(async () => {
  harness?.sandbox.assertValid();
  await harness?.close();
  harness = undefined;
  sandbox?.assertValid();
  await sandbox?.close();
  sandbox = undefined;
});

describe("the App on hostile issues and a hostile rule", () => {
  it("triages them promptly and still serves another installation", async () => {
    harness = await startHarness({ files: { ".github/upkeep.yml": HOSTILE_RULE } });
    const { sandbox: github } = harness;
    github.addRepo("acme/web", { installed: false });
    github.addUser("acme-admin");
    github.install("acme", "acme-admin");
    await github.idle();

    const cpu = process.cpuUsage();
    const spaces = await github.as("visitor").openIssue(REPO, { title: "Help", body: SPACES_BODY });
    const backtracking = await github
      .as("visitor")
      .openIssue(REPO, { title: "Help again", body: BACKTRACKING_BODY });
    const other = await github
      .as("acme-admin")
      .openIssue("acme/web", { title: "The site is down" });
    await github.idle();
    const used = process.cpuUsage(cpu);

    expect(github.issue("acme/web", other).labels).toEqual(["severity: critical"]);
    expect(github.issue(REPO, spaces).labels).toEqual(["needs-triage"]);
    expect(github.issue(REPO, backtracking).labels).toEqual(["needs-triage"]);
    const explanation = github.issue(REPO, spaces).comments.at(0)?.body ?? "";
    expect(explanation).toContain("only the first 65,536 characters of the body were read");
    expect(
      github.deliveries.every((delivery) => delivery.status === 200 || delivery.status === 202),
    ).toBe(true);
    expect((used.user + used.system) / 1_000).toBeLessThan(CPU_BOUND_MS);
  }, 120_000);
});

describe("the triage action on a hostile issue and a hostile rule", () => {
  it("finishes, leaves the issue for a person, and says why", async () => {
    sandbox = await startSandbox();
    sandbox.addRepo(REPO);
    sandbox.addUser("visitor");
    const workspace = mkdtempSync(join(tmpdir(), "upkeep-hostile-ws-"));
    mkdirSync(join(workspace, ".github"));
    writeFileSync(join(workspace, ".github/upkeep.yml"), HOSTILE_RULE);
    for (const body of [SPACES_BODY, BACKTRACKING_BODY]) {
      const number = await sandbox.as("visitor").openIssue(REPO, { title: "Help", body });
      const result = await runAction({
        entry: join(REPO_ROOT, "actions/triage/dist/index.js"),
        eventName: "issues",
        event: deliveredPayload(sandbox, "issues", "opened", number),
        repository: REPO,
        apiUrl: sandbox.url,
        workspace,
        inputs: { token: sandbox.installationToken("octo-org"), config: ".github/upkeep.yml" },
      });
      expect(result.exitCode, result.stdout).toBe(0);
      expect(result.outputs).toMatchObject({
        outcome: "triaged",
        severity: "",
        "config-valid": "true",
      });
      expect(sandbox.issue(REPO, number).labels).toEqual(["needs-triage"]);
      if (body === SPACES_BODY) expect(result.outputs.reason).toContain("first 65,536 characters");
    }
  }, 120_000);
});

describe("the CLI on a hostile issue and a hostile rule", () => {
  it("answers, and says the body was cut", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "upkeep-hostile-cli-"));
    writeFileSync(join(cwd, "upkeep.yml"), HOSTILE_RULE);
    for (const body of [SPACES_BODY, BACKTRACKING_BODY]) {
      const run = await runUpkeep(
        ["triage", "--title", "Help", "--body-file", "-", "--config", "upkeep.yml", "--json"],
        { cwd, stdin: body },
      );
      expect(run.exitCode, run.stderr).toBe(0);
      const decision = JSON.parse(run.stdout);
      expect(decision.severity).toBeNull();
      if (body === SPACES_BODY) expect(decision.reason).toContain("first 65,536 characters");
    }
  }, 120_000);
});
