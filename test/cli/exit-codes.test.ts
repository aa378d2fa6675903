// One set of exit codes for every command, checked on the process as CI sees it:
// 0 clean, 1 findings over the threshold, 2 bad input or usage, 3 unreadable or internal error.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { commandTable } from "../../cli/commands/index.ts";
import { startSandbox } from "../../sandbox/index.ts";
import { finished } from "../support/process.ts";
import { REPO_ROOT, runUpkeep } from "../support/run-cli.ts";

function checkoutWithConfig(config: string): string {
  const root = mkdtempSync(join(tmpdir(), "upkeep-exit-"));
  mkdirSync(join(root, ".github"));
  writeFileSync(join(root, ".github/upkeep.yml"), config);
  return root;
}

describe("exit codes", () => {
  it.each(commandTable.map((entry) => entry.name))(
    "`%s` with an unknown option exits 2 and names it",
    async (name) => {
      const run = await runUpkeep([...name.split(" "), "--no-such-option"]);
      expect(run.exitCode).toBe(2);
      expect(run.stderr).toMatch(/no-such-option/);
    },
  );

  it.each([
    ["config", "validate"],
    ["triage", "--title", "Outage", "--body-file", "-"],
    ["sast", "rules"],
    ["sast", "scan", "."],
    ["deps", "list", "."],
    ["report", "--issues", "issues.json"],
    ["sla", "--issues", "issues.json"],
  ])("`%s %s` with a config of an unknown key exits 2 with its file and line", async (...args) => {
    const root = checkoutWithConfig("triage:\n  explain: true\nsurprise: 1\n");
    writeFileSync(join(root, "issues.json"), "[]");
    const run = await runUpkeep(args, { cwd: root });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('.github/upkeep.yml:3:1 at surprise: unknown key "surprise"');
  });

  it("a repository GitHub will not show is exit 3 with one line, not a crash", async () => {
    const sandbox = await startSandbox();
    sandbox.addRepo("octo-org/octo-repo", {});
    try {
      const run = await runUpkeep(["sla", "--repo", "octo-org/missing"], {
        env: { GITHUB_TOKEN: sandbox.installationToken("octo-org"), GITHUB_API_URL: sandbox.url },
      });
      expect(run.exitCode).toBe(3);
      expect(run.stderr).toMatch(/^upkeep sla: GitHub answered 404/);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    } finally {
      await sandbox.close();
    }
  });

  it("a clean run exits 0", async () => {
    const root = checkoutWithConfig("triage:\n  explain: true\n");
    expect((await runUpkeep(["config", "validate"], { cwd: root })).exitCode).toBe(0);
  });
});

describe("a reader that stops early", () => {
  it("`upkeep deps list | head` ends normally instead of crashing on EPIPE", async () => {
    const root = mkdtempSync(join(tmpdir(), "upkeep-epipe-"));
    const packages: Record<string, { version: string }> = {};
    for (let index = 0; index < 20_000; index++)
      packages[`node_modules/pkg-${index}`] = { version: `1.0.${index}` };
    writeFileSync(
      join(root, "package-lock.json"),
      JSON.stringify({
        name: "x",
        lockfileVersion: 3,
        packages: { "": { name: "x" }, ...packages },
      }),
    );
    const child = spawn(process.execPath, [join(REPO_ROOT, "cli/bin.ts"), "deps", "list", root]);
    const done = finished(child);
    child.stdin.end();
    // Like `head -c 10`: read one chunk, then close the pipe while the CLI is still writing.
    await new Promise<void>((resolve) => child.stdout.once("data", () => resolve()));
    child.stdout.destroy();
    const { exitCode, stderr } = await done;
    expect(stderr).not.toContain("EPIPE");
    expect(exitCode).toBe(0);
  });
});
