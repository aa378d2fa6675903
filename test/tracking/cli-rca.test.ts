// `upkeep rca draft` as a process: offline from a REST export, and live against the sandbox.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../core/time/clock.ts";
import { startSandbox } from "../../sandbox/index.ts";
import { runUpkeep } from "../support/run-cli.ts";

const fixture = new URL("fixtures/incident.json", import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), "upkeep-rca-"));

interface RestExport {
  issue: Record<string, unknown>;
  events: Record<string, unknown>[];
}

function variant(name: string, change: (incident: RestExport) => void): string {
  const incident = JSON.parse(readFileSync(fixture, "utf8"));
  change(incident);
  const file = join(work, name);
  writeFileSync(file, JSON.stringify(incident));
  return file;
}

describe("offline, from --issue-file", () => {
  it("prints the RCA body with the timeline from the export", async () => {
    const run = await runUpkeep(["rca", "draft", "--issue-file", fixture], { cwd: work });
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toContain("RCA: API returns 500 for all logins (#7)");
    const lines = run.stdout.split("\n").filter((line) => line.startsWith("- **2026"));
    expect(lines).toEqual([
      "- **2026-03-05 14:00 UTC** · Incident opened · `reporter`",
      "- **2026-03-05 14:00 UTC** · Severity set to major · `upkeep[bot]`",
      "- **2026-03-05 14:05 UTC** · Assigned: oncall · `lead`",
      // The bystander's earlier comment is not a maintainer's response (author_association NONE).
      "- **2026-03-05 14:20 UTC** · First response · `oncall`",
      "- **2026-03-05 17:30 UTC** · [Referenced in commit 9f8e7d6](https://api.github.com/repos/octo-org/octo-repo/commits/9f8e7d6c5b4a39281706f5e4d3c2b1a098765432) · `oncall`",
      "- **2026-03-05 18:00 UTC** · Closed as completed · `oncall`",
    ]);
    expect(run.stdout).toContain("Due: **2026-03-12 18:00 UTC**");
  });

  it("--json gives the whole draft", async () => {
    const run = await runUpkeep(["rca", "draft", "--issue-file", fixture, "--json"], { cwd: work });
    const draft = JSON.parse(run.stdout);
    expect(draft).toMatchObject({
      title: "RCA: API returns 500 for all logins (#7)",
      severity: "major",
      labels: ["rca"],
      assignees: ["oncall"],
      due: "2026-03-12T18:00:00.000Z",
    });
    expect(draft.body).toContain("### Action items");
  });

  it("an incident closed as not planned: exit 1 and the reason", async () => {
    const file = variant("not-planned.json", (incident) => {
      incident.issue.state_reason = "not_planned";
    });
    const run = await runUpkeep(["rca", "draft", "--issue-file", file], { cwd: work });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe("no RCA would be opened: closed as not planned\n");
  });

  it("a malformed export names the file and the field", async () => {
    const file = variant("bad.json", (incident) => {
      delete incident.issue.number;
      incident.events[1].created_at = "yesterday";
    });
    const run = await runUpkeep(["rca", "draft", "--issue-file", file], { cwd: work });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(`${file}: issue.number: `);
    expect(run.stderr).toContain(`${file}: events[1].created_at: expected an ISO 8601 time`);
  });

  it("the repository's template from the config is used, relative to the repository root", async () => {
    const root = mkdtempSync(join(tmpdir(), "upkeep-rca-root-"));
    const github = join(root, ".github");
    mkdirSync(github);
    writeFileSync(join(github, "upkeep.yml"), "tracking:\n  rca:\n    template: docs/rca.md\n");
    mkdirSync(join(root, "docs"));
    writeFileSync(
      join(root, "docs/rca.md"),
      "# Postmortem of #{{incident_number}} ({{duration}})\n{{timeline}}\n",
    );
    const run = await runUpkeep(["rca", "draft", "--issue-file", fixture], { cwd: root });
    expect(run.exitCode).toBe(0);
    expect(run.stdout.startsWith("# Postmortem of #7 (4h)\n<!-- upkeep:rca-timeline -->")).toBe(
      true,
    );
  });

  it("due dates follow an SLA calendar and its ICS holidays from the checkout", async () => {
    const root = mkdtempSync(join(tmpdir(), "upkeep-rca-ics-"));
    mkdirSync(join(root, ".github"));
    writeFileSync(
      join(root, ".github/upkeep.yml"),
      "sla:\n  calendars:\n    office:\n      timezone: UTC\n      hours: { weekdays: '09:00-17:00' }\n      holidaysIcs: holidays.ics\ntracking:\n  rca:\n    due: { businessDays: 1, calendar: office }\n",
    );
    writeFileSync(
      join(root, "holidays.ics"),
      "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20260306\nEND:VEVENT\nEND:VCALENDAR\n",
    );
    const run = await runUpkeep(["rca", "draft", "--issue-file", fixture], { cwd: root });
    // Closed Thursday 18:00; Friday is a holiday, so one working day later is Monday.
    expect(run.stdout).toContain("Due: **2026-03-09 18:00 UTC**");
  });

  it("needs exactly one of --issue and --issue-file", async () => {
    const run = await runUpkeep(["rca", "draft"], { cwd: work });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("give one of --issue OWNER/NAME#N or --issue-file FILE.json");
  });
});

describe("live, from --issue with a token", () => {
  const clock = new ManualClock("2026-03-02T09:00:00Z");
  const started = startSandbox({ clock });
  afterAll(async () => (await started).close());

  it("reads the incident's history through the API and prints the draft", async () => {
    const sandbox = await started;
    sandbox.addRepo("octo-org/octo-repo");
    sandbox.addUser("lead");
    sandbox.setPermission("octo-org/octo-repo", "lead", "maintain");
    const number = await sandbox
      .as("lead")
      .openIssue("octo-org/octo-repo", { title: "Queue stuck", labels: ["severity: critical"] });
    clock.advance(45 * 60_000);
    await sandbox.as("lead").close("octo-org/octo-repo", number, "completed");
    const run = await runUpkeep(["rca", "draft", "--issue", `octo-org/octo-repo#${number}`], {
      env: { GITHUB_TOKEN: sandbox.createToken("lead"), GITHUB_API_URL: sandbox.url },
    });
    expect(run.stderr).toContain(`RCA: Queue stuck (#${number})`);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain("- Duration: 45m");
    expect(run.stdout).toContain("- **2026-03-02 09:45 UTC** · Closed as completed · `lead`");
    expect(run.stderr + run.stdout).not.toContain(sandbox.createToken("lead").slice(0, 8));
    sandbox.assertValid();
  });

  it("an incident that does not exist: exit 3 and GitHub's answer, no stack trace", async () => {
    const sandbox = await started;
    const run = await runUpkeep(["rca", "draft", "--issue", "octo-org/octo-repo#999"], {
      env: { GITHUB_TOKEN: sandbox.createToken("lead"), GITHUB_API_URL: sandbox.url },
    });
    expect(run.exitCode).toBe(3);
    expect(run.stderr).toMatch(/^upkeep rca draft: GitHub answered 404: /);
    expect(run.stderr).not.toContain("    at ");
  });
});
