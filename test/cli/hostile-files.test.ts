// Paths that config files and flags name, through the CLI as a process: a config cannot make
// Upkeep read outside its repository, and no special file (a FIFO would block forever) is read.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runUpkeep } from "../support/run-cli.ts";

const incident = new URL("../tracking/fixtures/incident.json", import.meta.url).pathname;

function repoWithConfig(config: string): string {
  const root = mkdtempSync(join(tmpdir(), "upkeep-hostile-"));
  mkdirSync(join(root, ".github"));
  writeFileSync(join(root, ".github/upkeep.yml"), config);
  return root;
}

function fifo(path: string): void {
  execFileSync("mkfifo", [path]);
}

describe("paths a config names stay in the repository", () => {
  it("rca draft refuses a template path that climbs out of the repository", async () => {
    const root = repoWithConfig("tracking:\n  rca:\n    template: ../../../../../../etc/passwd\n");
    const run = await runUpkeep(["rca", "draft", "--issue-file", incident], { cwd: root });
    expect(run.exitCode).toBe(2);
    expect(run.stdout).not.toMatch(/root:/);
    expect(run.stderr).toContain(
      ".github/upkeep.yml:3:15 at tracking.rca.template: expected a path inside the repository",
    );
  });

  it("rca draft refuses a template that is a symbolic link out of the repository", async () => {
    const root = repoWithConfig("tracking:\n  rca:\n    template: docs/rca.md\n");
    mkdirSync(join(root, "docs"));
    symlinkSync("/etc/passwd", join(root, "docs/rca.md"));
    const run = await runUpkeep(["rca", "draft", "--issue-file", incident], { cwd: root });
    expect(run.exitCode).toBe(2);
    expect(run.stdout).not.toMatch(/root:/);
    expect(run.stderr).toContain("docs/rca.md links outside the repository");
  });

  it("rca draft refuses a template that is a FIFO instead of waiting on it", async () => {
    const root = repoWithConfig("tracking:\n  rca:\n    template: docs/rca.md\n");
    mkdirSync(join(root, "docs"));
    fifo(join(root, "docs/rca.md"));
    const run = await runUpkeep(["rca", "draft", "--issue-file", incident], { cwd: root });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("docs/rca.md is a FIFO, not a regular file");
  });

  it("an SLA holiday calendar path outside the repository is a located config error", async () => {
    const root = repoWithConfig(
      "sla:\n  calendars:\n    office:\n      timezone: UTC\n      hours: { weekdays: '09:00-17:00' }\n      holidaysIcs: /etc/hostname\n",
    );
    writeFileSync(join(root, "issues.json"), "[]");
    const run = await runUpkeep(["sla", "--issues", "issues.json"], { cwd: root });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("at sla.calendars.office.holidaysIcs: expected a path inside");
  });

  it("an SLA holiday calendar that links outside the repository is left out with a note", async () => {
    const root = repoWithConfig(
      "sla:\n  calendars:\n    office:\n      timezone: UTC\n      hours: { weekdays: '09:00-17:00' }\n      holidaysIcs: holidays.ics\n",
    );
    symlinkSync("/etc/hostname", join(root, "holidays.ics"));
    writeFileSync(join(root, "issues.json"), "[]");
    const run = await runUpkeep(["sla", "--issues", "issues.json"], { cwd: root });
    expect(run.stderr).toContain("holiday calendar holidays.ics links outside the repository");
  });
});

describe("special files are never read", () => {
  it("a config file that is a FIFO is a config error, not a hang", async () => {
    const root = mkdtempSync(join(tmpdir(), "upkeep-hostile-"));
    mkdirSync(join(root, ".github"));
    fifo(join(root, ".github/upkeep.yml"));
    const run = await runUpkeep(["config", "validate"], { cwd: root });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(".github/upkeep.yml is a FIFO, not a regular file");
  });

  it("a flag naming a FIFO is a usage error, not a hang", async () => {
    const root = mkdtempSync(join(tmpdir(), "upkeep-hostile-"));
    fifo(join(root, "body.md"));
    const run = await runUpkeep(["triage", "--title", "Outage", "--body-file", "body.md"], {
      cwd: root,
    });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("cannot read --body-file body.md: body.md is a FIFO");
  });

  it("a flag naming a directory is a usage error", async () => {
    const root = mkdtempSync(join(tmpdir(), "upkeep-hostile-"));
    const run = await runUpkeep(["report", "--issues", "."], { cwd: root });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/cannot read --issues \.: .* is a directory/);
  });
});
