// `upkeep report` as a process, offline from an issues file in GitHub's REST shapes.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runUpkeep } from "../support/run-cli.ts";

const user = (login: string) => ({ login, type: "User" });
const issues = [
  {
    issue: {
      number: 12,
      title: "Payments fail",
      state: "closed",
      created_at: "2026-08-03T08:00:00Z",
      closed_at: "2026-08-03T10:00:00Z",
      labels: [{ name: "severity: critical" }],
      user: user("visitor"),
    },
    events: [{ event: "closed", created_at: "2026-08-03T10:00:00Z", actor: user("maria") }],
    comments: [
      {
        id: 1,
        created_at: "2026-08-03T08:45:00Z",
        user: user("maria"),
        author_association: "OWNER",
        body: "Looking",
      },
    ],
  },
];

describe("upkeep report", () => {
  const dir = mkdtempSync(join(tmpdir(), "upkeep-report-"));
  writeFileSync(join(dir, "issues.json"), JSON.stringify(issues));

  it("prints the period's report as JSON", async () => {
    const run = await runUpkeep(
      [
        "report",
        "--issues",
        "issues.json",
        "--period",
        "2026-Q3",
        "--format",
        "json",
        "--now",
        "2026-11-01T00:00:00Z",
      ],
      { cwd: dir },
    );
    expect(run.exitCode, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.period).toMatchObject({ key: "2026-Q3", label: "Q3 2026" });
    const critical = report.sla.find((row: { severity: string }) => row.severity === "critical");
    // Answered after 45 minutes (goal 1h), closed after 2 hours (goal 4h).
    expect(critical.response).toMatchObject({ met: 1, onTime: 1, p50Ms: 45 * 60_000 });
    expect(critical.resolution).toMatchObject({ met: 1, onTime: 1, p50Ms: 2 * 3_600_000 });
    expect(report.incidents.mttrMs).toBe(2 * 3_600_000);
  });

  it("prints Markdown by default and explains a bad period", async () => {
    const markdown = await runUpkeep(["report", "--issues", "issues.json", "--period", "2026-08"], {
      cwd: dir,
    });
    expect(markdown.stdout).toContain("# Maintenance report: August 2026");
    const bad = await runUpkeep(["report", "--issues", "issues.json", "--period", "summer"], {
      cwd: dir,
    });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('unknown period "summer"');
  });

  it("names the entry and field of a malformed issues file", async () => {
    writeFileSync(
      join(dir, "bad.json"),
      JSON.stringify([{ issue: { number: "x", created_at: "2026-08-01T00:00:00Z" } }]),
    );
    const run = await runUpkeep(["report", "--issues", "bad.json"], { cwd: dir });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("bad.json: [0].issue.number");
  });
});
