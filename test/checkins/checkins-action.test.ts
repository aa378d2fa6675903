// The check-ins action as the runner runs it, against the GitHub sandbox.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "../../sandbox/index.ts";
import { runAction } from "../support/run-action.ts";
import { REPO_ROOT } from "../support/run-cli.ts";

const REPO = "octo-org/octo-repo";
let sandbox: Sandbox;

beforeEach(async () => {
  sandbox = await startSandbox();
});
afterEach(async () => {
  sandbox.assertValid();
  await sandbox.close();
});

function runCheckins() {
  return runAction({
    entry: `${REPO_ROOT}/actions/checkins/dist/index.js`,
    inputs: { token: sandbox.installationToken("octo-org"), config: ".github/upkeep.yml" },
    eventName: "schedule",
    repository: REPO,
    apiUrl: sandbox.url,
  });
}

describe("check-ins action", () => {
  it("opens one issue per occurrence with the shipped or repository checklist, then reminds once", async () => {
    sandbox.addRepo(REPO, {
      files: {
        ".github/upkeep.yml": [
          "checkins:",
          "  - name: dr-drill",
          '    title: "DR drill {date}"',
          "    every: month",
          '    start: "2026-01-01"',
          "    checklist: dr-drill",
          "    due: 1d",
          "  - name: release-train",
          "    title: Release train review",
          '    cron: "0 0 * * 1"',
          "    checklist: .github/checklists/release.md",
          "    labels: [maintenance, release]",
        ].join("\n"),
        ".github/checklists/release.md": "- [ ] Changelog reviewed\n",
      },
    });
    const first = await runCheckins();
    expect(first.exitCode, first.stderr + first.stdout).toBe(0);
    const issues = () => sandbox.issues(REPO);
    expect(issues()).toHaveLength(2);
    const drill = issues().find((issue) => issue.title.startsWith("DR drill"))!;
    expect(drill.title).toMatch(/^DR drill \d{4}-\d{2}-01$/);
    expect(drill.body).toContain("RTO (time to restore service)");
    expect(drill.labels).toEqual(["maintenance"]);
    const train = issues().find((issue) => issue.title === "Release train review")!;
    expect(train.body).toContain("- [ ] Changelog reviewed");
    expect(first.outputs.opened?.split(",").sort()).toEqual(
      [String(drill.number), String(train.number)].sort(),
    );

    // Due a day after the 1st of the month: already past, so the second run reminds once.
    const second = await runCheckins();
    expect(second.outputs.opened).toBe("");
    expect(sandbox.issue(REPO, drill.number).comments.map((comment) => comment.body)).toEqual([
      expect.stringMatching(/^Reminder: this check-in (was due .+ ago|is due in .+)\./),
    ]);
    await runCheckins();
    expect(issues()).toHaveLength(2);
    expect(sandbox.issue(REPO, drill.number).comments).toHaveLength(1);
  });

  it("fails with a clear error when a checklist cannot be found", async () => {
    sandbox.addRepo(REPO, {
      files: {
        ".github/upkeep.yml":
          "checkins:\n  - name: x\n    title: X\n    every: week\n    checklist: docs/missing.md\n",
      },
    });
    const run = await runCheckins();
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain(
      'checklist "docs/missing.md" is neither built in nor a file in the repository',
    );
  });

  it("fails with the file and line when the config is invalid", async () => {
    sandbox.addRepo(REPO, {
      files: {
        ".github/upkeep.yml": "checkins:\n  - name: x\n    title: X\n    every: fortnight\n",
      },
    });
    const run = await runCheckins();
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain(
      ".github/upkeep.yml:4:12 at checkins.0.every: expected an interval",
    );
  });
});

describe("check-ins action under GitHub faults", () => {
  it("retries 5xx, 429 and secondary rate limits and still opens each issue exactly once", async () => {
    sandbox.addRepo(REPO, {
      files: {
        ".github/upkeep.yml": [
          "checkins:",
          ...["alpha", "beta", "gamma"].flatMap((name) => [
            `  - name: ${name}`,
            `    title: ${name} review`,
            "    every: week",
          ]),
        ].join("\n"),
      },
    });
    sandbox.setFaults({ rate: 0.4, seed: 3 });
    const run = await runCheckins();
    sandbox.setFaults({ rate: 0 });
    expect(run.exitCode, run.stderr + run.stdout).toBe(0);
    expect(sandbox.requests.filter((request) => request.status >= 429).length).toBeGreaterThan(0);
    expect(
      sandbox
        .issues(REPO)
        .map((issue) => issue.title)
        .sort(),
    ).toEqual(["alpha review", "beta review", "gamma review"]);
  });
});
