// `upkeep sweep --repo` as a process with a person's token: the same sweep as the App's, and the
// identity is the token's user (GET /user), whose comments are the ones it may edit.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../core/time/clock.ts";
import { type Sandbox, startSandbox } from "../../sandbox/index.ts";
import { runUpkeep } from "../support/run-cli.ts";

const REPO = "octo-org/octo-repo";
let sandbox: Sandbox | undefined;
afterEach(async () => {
  sandbox?.assertValid();
  await sandbox?.close();
  sandbox = undefined;
});

describe("upkeep sweep", () => {
  it("triages what no App heard, keeps the SLA, and a second run with the report writes nothing", async () => {
    const clock = new ManualClock("2026-03-02T09:00:00Z");
    sandbox = await startSandbox({ clock });
    sandbox.addRepo(REPO, { files: { ".github/upkeep.yml": "triage:\n  explain: true\n" } });
    sandbox.addUser("reporter");
    sandbox.addUser("upkeep-runner");
    sandbox.setPermission(REPO, "upkeep-runner", "maintain");
    const number = await sandbox.as("reporter").openIssue(REPO, { title: "Data loss on save" });
    await sandbox.idle();
    const cwd = mkdtempSync(join(tmpdir(), "upkeep-sweep-"));
    const env = {
      GITHUB_TOKEN: sandbox.createToken("upkeep-runner"),
      GITHUB_API_URL: sandbox.url,
      UPKEEP_BOT_LOGIN: "",
    };
    const args = [
      "sweep",
      "--repo",
      REPO,
      "--now",
      "2026-03-02T09:05:00Z",
      "--report",
      "sweep.json",
    ];
    const first = await runUpkeep(args, { cwd, env });
    expect(first.stderr).toBe("");
    expect(first.exitCode).toBe(0);
    expect(first.stdout).toContain(`triage: #${number}`);
    const issue = sandbox.issue(REPO, number);
    expect(issue.labels).toContain("severity: critical");
    const mine = issue.comments.filter((comment) => comment.user === "upkeep-runner");
    expect(mine.map((comment) => comment.body.split(/[ \n]/)[1])).toEqual([
      "upkeep:triage",
      "upkeep:sla",
    ]);

    sandbox.resetRequests();
    const second = await runUpkeep([...args, "--previous", "sweep.json"], { cwd, env });
    expect(second.exitCode).toBe(0);
    expect(second.stdout).toContain("triage: none");
    expect(sandbox.requests.filter((request) => request.method !== "GET")).toEqual([]);
    expect(sandbox.issue(REPO, number).comments).toHaveLength(2);
  });

  it("without --repo or a token it is a usage error (exit 2)", async () => {
    const noRepo = await runUpkeep(["sweep"], { env: { GITHUB_TOKEN: "x" } });
    expect(noRepo.exitCode).toBe(2);
    expect(noRepo.stderr).toContain("--repo OWNER/NAME");
    const noToken = await runUpkeep(["sweep", "--repo", REPO], {
      env: { GITHUB_TOKEN: "", GH_TOKEN: "" },
    });
    expect(noToken.exitCode).toBe(2);
    expect(noToken.stderr).toContain("GITHUB_TOKEN");
  });
});
