// `upkeep sla` as a process: issues exported from the sandbox's REST API (real response shapes,
// checked against GitHub's OpenAPI description) and the same repository read live with --repo.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../core/time/clock.ts";
import { type Sandbox, startSandbox } from "../../sandbox/index.ts";
import { runUpkeep } from "../support/run-cli.ts";

const REPO = "octo-org/octo-repo";
const clock = new ManualClock("2026-11-25T10:00:00Z");
let sandbox: Sandbox;
let token: string;
const dir = mkdtempSync(join(tmpdir(), "upkeep-sla-cli-"));

async function get(path: string): Promise<unknown> {
  const response = await fetch(`${sandbox.url}${path}`, {
    headers: { authorization: `token ${token}` },
  });
  expect(response.status).toBe(200);
  return response.json();
}

async function exportIssues(numbers: number[]): Promise<string> {
  const entries = [];
  for (const number of numbers) {
    const base = `/repos/${REPO}/issues/${number}`;
    entries.push({
      issue: await get(base),
      events: await get(`${base}/events`),
      comments: await get(`${base}/comments`),
    });
  }
  const file = join(dir, "issues.json");
  writeFileSync(file, JSON.stringify(entries));
  return file;
}

beforeAll(async () => {
  sandbox = await startSandbox({ clock });
  sandbox.addRepo(REPO);
  sandbox.addUser("maya");
  sandbox.addUser("reporter");
  sandbox.setPermission(REPO, "maya", "triage");
  token = sandbox.createToken("maya");
  const reporter = sandbox.as("reporter");
  const maya = sandbox.as("maya");
  await reporter.openIssue(REPO, { title: "Outage", labels: ["severity: critical"] }); // #1
  await reporter.openIssue(REPO, { title: "Slow page", labels: ["severity: major"] }); // #2
  await reporter.openIssue(REPO, { title: "Typo", labels: ["severity: minor"] }); // #3
  await reporter.openIssue(REPO, { title: "Question" }); // #4
  clock.set("2026-11-25T10:20:00Z");
  await maya.comment(REPO, 1, "Looking into it");
  await reporter.comment(REPO, 2, "Any news?"); // the reporter is not a response
  await maya.addLabels(REPO, 2, ["waiting-for-reporter"]);
  clock.set("2026-11-25T11:00:00Z");
  await maya.close(REPO, 3);
});

afterAll(async () => {
  sandbox.assertValid();
  await sandbox.close();
});

const NOW = "2026-11-25T13:30:00Z";

const expected = [
  {
    number: 1,
    severity: "critical",
    response: { state: "met", due: "2026-11-25T11:00:00.000Z" },
    resolution: { state: "at-risk", due: "2026-11-25T14:00:00.000Z" },
  },
  {
    number: 2,
    severity: "major",
    response: { state: "at-risk", due: "2026-11-25T14:00:00.000Z" },
    resolution: { state: "paused", due: null },
  },
];

describe("upkeep sla", () => {
  it("--issues computes each issue's states and due times from a REST export", async () => {
    const file = await exportIssues([1, 2, 3, 4]);
    const run = await runUpkeep(["sla", "--issues", file, "--now", NOW, "--json"], { cwd: dir });
    expect(run.stderr).toBe("");
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([
      ...expected,
      {
        number: 3,
        severity: "minor",
        response: { state: "met", due: "2026-11-28T10:00:00.000Z" },
        resolution: { state: "met", due: "2026-12-25T10:00:00.000Z" },
      },
      {
        number: 4,
        severity: null,
        response: { state: "none", due: null },
        resolution: { state: "none", due: null },
      },
    ]);
  });

  it("prints a table by default", async () => {
    const file = await exportIssues([1]);
    const run = await runUpkeep(["sla", "--issues", file, "--now", NOW], { cwd: dir });
    expect(run.stdout.split("\n")[0]).toMatch(
      /^#\s+severity\s+response\s+response due\s+resolution\s+resolution due$/,
    );
    expect(run.stdout).toMatch(
      /#1\s+critical\s+met\s+2026-11-25T11:00:00.000Z\s+at-risk\s+2026-11-25T14:00:00.000Z/,
    );
  });

  it("--config with business hours moves the due times", async () => {
    const file = await exportIssues([1]);
    const config = join(dir, "office.yml");
    writeFileSync(
      config,
      "sla:\n  calendars:\n    office: { timezone: Europe/Berlin, hours: { weekdays: 09:00-17:00 } }\n  goals:\n    critical: { response: 1h, resolution: 8h, calendar: office }\n",
    );
    const run = await runUpkeep(
      ["sla", "--issues", file, "--now", NOW, "--config", config, "--json"],
      { cwd: dir },
    );
    // Opened Wed 11:00 Berlin: 6 working hours that day, the other 2 on Thursday until 11:00.
    expect(JSON.parse(run.stdout)[0].resolution).toEqual({
      state: "on-track",
      due: "2026-11-26T10:00:00.000Z",
    });
  });

  it("reads .github/upkeep.yml and its holidays .ics from the working directory by default", async () => {
    const file = await exportIssues([1]);
    const repoDir = mkdtempSync(join(tmpdir(), "upkeep-sla-repo-"));
    mkdirSync(join(repoDir, ".github"));
    writeFileSync(
      join(repoDir, ".github/upkeep.yml"),
      "sla:\n  calendars:\n    office: { timezone: Europe/Berlin, hours: { weekdays: 09:00-17:00 }, holidaysIcs: .github/holidays.ics }\n  goals:\n    critical: { response: 1h, resolution: 8h, calendar: office }\n",
    );
    writeFileSync(
      join(repoDir, ".github/holidays.ics"),
      "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20261126\r\nSUMMARY:Company day\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    );
    const run = await runUpkeep(["sla", "--issues", file, "--now", NOW, "--json"], {
      cwd: repoDir,
    });
    expect(run.stderr).toBe("");
    // Thursday is a holiday: the last 2 working hours fall on Friday morning.
    expect(JSON.parse(run.stdout)[0].resolution.due).toBe("2026-11-27T10:00:00.000Z");
  });

  it("--repo reads the same states live from the API with a token", async () => {
    const run = await runUpkeep(["sla", "--repo", REPO, "--now", NOW, "--json"], {
      cwd: dir,
      env: { GITHUB_TOKEN: token, GITHUB_API_URL: sandbox.url },
    });
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual(expected);
  });

  it("a malformed export names the entry and the field", async () => {
    const file = join(dir, "bad.json");
    writeFileSync(
      file,
      JSON.stringify([{ issue: { number: 7, created_at: "yesterday" }, events: [] }]),
    );
    const run = await runUpkeep(["sla", "--issues", file], { cwd: dir });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(`${file}: [0].issue.created_at: expected an ISO 8601 time`);
  });

  it("needs exactly one source and a token for --repo", async () => {
    expect((await runUpkeep(["sla"], { cwd: dir })).stderr).toContain(
      "give one of --issues FILE.json or --repo OWNER/NAME",
    );
    const run = await runUpkeep(["sla", "--repo", REPO], {
      cwd: dir,
      env: { GITHUB_TOKEN: "", GH_TOKEN: "" },
    });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("--repo needs a token");
  });
});
