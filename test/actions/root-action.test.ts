// The root action (`uses: owner/upkeep@v1` with `job:`) as the runner runs it.
import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { type Sandbox, startSandbox } from "../../sandbox/index.ts";
import { runAction } from "../support/run-action.ts";
import { REPO_ROOT } from "../support/run-cli.ts";

const REPO = "octo-org/octo-repo";
let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await startSandbox();
  sandbox.addRepo(REPO, {
    files: {
      ".github/upkeep.yml":
        "checkins:\n  - name: review\n    title: Monthly review\n    every: month\n",
    },
  });
});
afterEach(async () => {
  sandbox.assertValid();
  await sandbox.close();
});

describe("root action", () => {
  it("declares every action's inputs and outputs", () => {
    const root = parse(readFileSync(`${REPO_ROOT}/action.yml`, "utf8"));
    const checkins = parse(readFileSync(`${REPO_ROOT}/actions/checkins/action.yml`, "utf8"));
    expect(root.runs).toEqual({ using: "node24", main: "dist/action.js" });
    for (const name of Object.keys(checkins.inputs)) expect(root.inputs).toHaveProperty(name);
    for (const name of Object.keys(checkins.outputs)) expect(root.outputs).toHaveProperty(name);
  });

  it("runs the chosen job with that job's defaults", async () => {
    const run = await runAction({
      entry: `${REPO_ROOT}/dist/action.js`,
      inputs: { job: "checkins", token: sandbox.installationToken("octo-org") },
      repository: REPO,
      apiUrl: sandbox.url,
    });
    expect(run.exitCode, run.stderr + run.stdout).toBe(0);
    expect(sandbox.issues(REPO).map((issue) => issue.title)).toEqual(["Monthly review"]);
    expect(run.outputs.opened).toBe(String(sandbox.issues(REPO)[0]?.number));
  });

  it("refuses an unknown job by name", async () => {
    const run = await runAction({
      entry: `${REPO_ROOT}/dist/action.js`,
      inputs: { job: "../../etc" },
      repository: REPO,
      apiUrl: sandbox.url,
    });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('unknown job "../../etc"');
  });
});
