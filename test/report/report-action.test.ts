// The maintenance-report action as the runner runs it against the sandbox, and its HTML page in a
// real headless Chromium (Debian's package, installed by the test command when missing).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../core/time/clock.ts";
import { createClient } from "../../github/client.ts";
import { type Sandbox, startSandbox } from "../../sandbox/index.ts";
import { runAction } from "../support/run-action.ts";
import { REPO_ROOT } from "../support/run-cli.ts";

const REPO = "acme/shop";
const CHROMIUM = process.env.UPKEEP_CHROMIUM ?? "/usr/bin/chromium";
let sandbox: Sandbox;
const clock = new ManualClock("2026-10-05T10:00:00Z");

beforeAll(async () => {
  sandbox = await startSandbox({ clock });
  sandbox.addRepo(REPO, { files: { ".github/upkeep.yml": "timezone: UTC\n" } });
  sandbox.addUser("maria");
  sandbox.setPermission(REPO, "maria", "maintain");
  sandbox.addUser("visitor");
  // A critical incident: answered in 20 minutes, resolved in an hour.
  const incident = await sandbox
    .as("visitor")
    .openIssue(REPO, { title: "Checkout is down <script>", labels: ["severity: critical"] });
  clock.set("2026-10-05T10:20:00Z");
  await sandbox.as("maria").comment(REPO, incident, "On it");
  clock.set("2026-10-05T11:00:00Z");
  await sandbox.as("maria").close(REPO, incident, "completed");
  // A major issue nobody answered, still open: both goals breach within October.
  clock.set("2026-10-20T09:00:00Z");
  await sandbox
    .as("visitor")
    .openIssue(REPO, { title: "Search is slow", labels: ["severity: major"] });
  // A release published in October, through the API as a maintainer would.
  clock.set("2026-10-21T12:00:00Z");
  const client = createClient({ token: sandbox.createToken("maria"), baseUrl: sandbox.url });
  await client.request("POST /repos/{owner}/{repo}/releases", {
    owner: "acme",
    repo: "shop",
    tag_name: "v2.0.0",
    name: "v2.0.0",
  });
  clock.set("2026-11-25T00:00:00Z");
});

afterAll(async () => {
  sandbox?.assertValid();
  await sandbox?.close();
});

function runReport(workspace: string) {
  return runAction({
    entry: `${REPO_ROOT}/actions/maintenance-report/dist/index.js`,
    inputs: {
      token: sandbox.installationToken("acme"),
      period: "2026-10-01",
      to: "2026-10-31",
      "post-issue": "true",
      "html-path": "out/index.html",
      "json-path": "out/report.json",
      config: ".github/upkeep.yml",
    },
    repository: REPO,
    apiUrl: sandbox.url,
    workspace,
  });
}

describe("maintenance-report action", () => {
  let html = "";

  it("posts one report issue per period, updated in place, with SLA figures and releases", async () => {
    const first = await runReport(join(REPO_ROOT, ".tmp", "report-a"));
    expect(first.exitCode, first.stderr + first.stdout).toBe(0);
    expect(first.outputs.period).toBe("2026-10-01..2026-10-31");
    const report = JSON.parse(readFileSync(first.outputs.json!, "utf8"));
    expect(
      report.sla.find((row: { severity: string }) => row.severity === "critical"),
    ).toMatchObject({
      issues: 1,
      response: { met: 1, breached: 0, p50Ms: 20 * 60_000 },
      resolution: { met: 1, breached: 0, p50Ms: 60 * 60_000 },
    });
    expect(report.sla.find((row: { severity: string }) => row.severity === "major")).toMatchObject({
      response: { met: 0, breached: 1 },
      resolution: { met: 0, breached: 1 },
      openBreached: 1,
    });
    expect(report.releases.map((release: { tag: string }) => release.tag)).toEqual(["v2.0.0"]);

    const posted = sandbox.issues(REPO).filter((issue) => issue.labels.includes("upkeep: report"));
    expect(posted).toHaveLength(1);
    expect(posted[0]?.title).toBe("Maintenance report: 2026-10-01 to 2026-10-31");
    expect(posted[0]?.body).toContain(
      "| critical | 1 | 100% (1/1) | 20m / 20m | 100% (1/1) | 1h / 1h | 0 |",
    );
    expect(first.summary).toContain("## SLA compliance");

    const second = await runReport(join(REPO_ROOT, ".tmp", "report-b"));
    expect(second.outputs.issue).toBe(String(posted[0]?.number));
    expect(
      sandbox.issues(REPO).filter((issue) => issue.labels.includes("upkeep: report")),
    ).toHaveLength(1);
    html = second.outputs.html!;
  });

  it("renders a page with charts and no console errors in headless Chromium", async () => {
    expect(
      existsSync(CHROMIUM),
      `Chromium is needed at ${CHROMIUM} (npm test installs Debian's package)`,
    ).toBe(true);
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    });
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error" || message.type() === "warning")
          problems.push(message.text());
      });
      page.on("pageerror", (error) => problems.push(error.message));
      page.on("request", (request) => {
        if (!request.url().startsWith("file:")) problems.push(`external request: ${request.url()}`);
      });
      await page.goto(`file://${html}`);
      expect(await page.title()).toBe("Maintenance report: 2026-10-01 to 2026-10-31 — acme/shop");
      const charts = await page.locator("svg[data-chart]").count();
      expect(charts).toBeGreaterThanOrEqual(5);
      const criticalIncidents = await page
        .locator('svg[data-chart="incidents"] rect[data-category="critical"]')
        .getAttribute("data-value");
      expect(criticalIncidents).toBe("1");
      const box = await page.locator('svg[data-chart="sla-on-time"]').boundingBox();
      expect(box?.width).toBeGreaterThan(100);
      expect(await page.locator("#section-incidents").innerText()).toContain(
        "Checkout is down <script>",
      );
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
