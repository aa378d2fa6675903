// A checkout can hold anything: a FIFO where the config should be must fail the step with an
// annotation at once, never hang it (the runner would wait for its timeout, six hours by default).
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runAction } from "../support/run-action.ts";
import { REPO_ROOT } from "../support/run-cli.ts";

describe("special files in the checkout", () => {
  it("a FIFO named .github/upkeep.yml fails the health check with an annotation, not a hang", async () => {
    const workspace = mkdtempSync(join(tmpdir(), "upkeep-fifo-ws-"));
    mkdirSync(join(workspace, ".github"));
    execFileSync("mkfifo", [join(workspace, ".github/upkeep.yml")]);
    const run = await runAction({
      entry: join(REPO_ROOT, "actions/health-check/dist/index.js"),
      inputs: { token: "unused", config: ".github/upkeep.yml" },
      workspace,
    });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(
      /::error title=Invalid Upkeep config,file=\.github\/upkeep\.yml::.*\.github\/upkeep\.yml is a FIFO, not a regular file/,
    );
  });

  it("a config path that leaves the checkout is refused", async () => {
    const workspace = mkdtempSync(join(tmpdir(), "upkeep-escape-ws-"));
    const run = await runAction({
      entry: join(REPO_ROOT, "actions/health-check/dist/index.js"),
      inputs: { token: "unused", config: "../../../etc/passwd" },
      workspace,
    });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain("../../../etc/passwd is outside the repository");
    expect(run.stdout).not.toMatch(/root:x:0/);
  });
});
