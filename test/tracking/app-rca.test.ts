// The RCA flow through the real App: signed deliveries from the sandbox, writes back through its API.
import { afterEach, describe, expect, it } from "vitest";
import { REPO, startWorld, type World } from "./support/world.ts";

let world: World;
afterEach(async () => {
  world.sandbox.assertValid();
  await world.close();
});

const rcas = () => world.sandbox.issues(REPO).filter((issue) => issue.labels.includes("rca"));

/** A critical incident (labelled by triage) with a response, a fix PR and a close by the on-call engineer. */
async function criticalIncident(options: { faults?: boolean } = {}): Promise<number> {
  const { sandbox } = world;
  const number = await sandbox
    .as("reporter")
    .openIssue(REPO, { title: "Checkout is down", body: "503 everywhere" });
  await sandbox.idle();
  // Triage's built-in rules label "is down" critical.
  world.later(10);
  await sandbox.as("lead").assign(REPO, number, ["oncall"]);
  world.later(10);
  await sandbox.as("oncall").comment(REPO, number, "Looking into it");
  world.later(100);
  await sandbox
    .as("oncall")
    .openPullRequest(REPO, { title: "Fix connection pool", body: `Fixes #${number}` });
  world.later(90);
  if (options.faults) sandbox.setFaults({ rate: 0.2, seed: 11 });
  await sandbox.as("oncall").close(REPO, number, "completed");
  await sandbox.idle();
  return number;
}

describe("an incident closes", () => {
  it("a critical incident closed as completed gets exactly one RCA with its timeline", async () => {
    world = await startWorld();
    const incident = await criticalIncident();
    expect(rcas()).toHaveLength(1);
    const rca = rcas()[0]!;
    expect(rca.title).toBe(`RCA: Checkout is down (#${incident})`);
    expect(rca.assignees).toEqual(["oncall"]);
    expect(rca.body).toContain(`Incident: #${incident}`);
    const timeline = rca.body!.split("\n").filter((line) => line.startsWith("- **2026"));
    expect(timeline.map((line) => line.replace(/^- \*\*[^*]+\*\* · /, ""))).toEqual([
      "Incident opened · `reporter`",
      "Severity set to critical · `upkeep[bot]`",
      "Assigned: oncall · `lead`",
      "First response · `oncall`",
      expect.stringMatching(
        /^\[Referenced by pull request #\d+\]\(.+\): Fix connection pool · `oncall`$/,
      ),
      "Closed as completed · `oncall`",
    ]);
    expect(timeline[0]).toContain("2026-03-02 09:00 UTC");
    expect(timeline.at(-1)).toContain("2026-03-02 12:30 UTC");
    expect(rca.body).toContain("Due: **2026-03-09 12:30 UTC**");
    const link = world.sandbox
      .issue(REPO, incident)
      .comments.find(
        (comment) => comment.user === "upkeep[bot]" && comment.body.includes("root-cause analysis"),
      );
    expect(link?.body).toContain(`tracked in #${rca.number}`);
  });

  it.each(["not_planned", "duplicate"] as const)("closed as %s: no RCA", async (reason) => {
    world = await startWorld();
    const number = await world.sandbox
      .as("reporter")
      .openIssue(REPO, { title: "Down", labels: ["severity: critical"] });
    await world.sandbox.as("lead").close(REPO, number, reason);
    await world.sandbox.idle();
    expect(rcas()).toEqual([]);
  });

  it("reopened and closed again: no second RCA, the new events are appended", async () => {
    world = await startWorld();
    const incident = await criticalIncident();
    world.later(600);
    await world.sandbox.as("reporter").reopen(REPO, incident);
    world.later(60);
    await world.sandbox.as("lead").close(REPO, incident, "completed");
    await world.sandbox.idle();
    expect(rcas()).toHaveLength(1);
    const body = rcas()[0]!.body!;
    expect(body.match(/Incident opened/g)).toHaveLength(1);
    expect(body).toContain("- **2026-03-02 22:30 UTC** · Reopened · `reporter`");
    expect(body).toContain(
      "- **2026-03-02 23:30 UTC** · Closed as completed · `lead`\n<!-- /upkeep:rca-timeline -->",
    );
    // One link comment on the incident, not one per close.
    const links = world.sandbox
      .issue(REPO, incident)
      .comments.filter((comment) => comment.body.includes("upkeep:rca-link"));
    expect(links).toHaveLength(1);
  });

  it("the same close delivered ten times, some concurrently, leaves one RCA", async () => {
    world = await startWorld();
    const incident = await criticalIncident();
    const payload = world.sandbox.webhookPayload("issues", "closed", {
      repo: REPO,
      sender: "oncall",
      issue: githubIssue(incident),
    });
    await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        world.sandbox.deliver("issues", payload, { deliveryId: index < 5 ? "same-id" : undefined }),
      ),
    );
    await world.sandbox.idle();
    expect(rcas().filter((issue) => issue.state === "open")).toHaveLength(1);
  });
});

describe("faults", () => {
  it("with 20% of API calls failing, the close still ends with exactly one RCA and one link", async () => {
    world = await startWorld();
    const incident = await criticalIncident({ faults: true });
    // Retries can outlast the webhook's response timeout (202 "still processing"): wait for the work.
    const links = () =>
      world.sandbox
        .issue(REPO, incident)
        .comments.filter((comment) => comment.body.includes("upkeep:rca-link"));
    const deadline = Date.now() + 60_000;
    while (links().length === 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 200));
    world.sandbox.setFaults({ rate: 0 });
    expect(rcas().filter((issue) => issue.state === "open")).toHaveLength(1);
    expect(links()).toHaveLength(1);
    expect(world.sandbox.requests.some((request) => request.status >= 429)).toBe(true);
  }, 120_000);
});

describe("templates", () => {
  it("a template with a syntax error: the default is used and the error is stated once, with its line", async () => {
    world = await startWorld({
      config: "tracking:\n  rca:\n    template: .github/rca.md\n",
      files: { ".github/rca.md": "# RCA for {{incident_title}}\n\nImpact: {{ impact\n" },
    });
    await criticalIncident();
    const body = rcas()[0]!.body!;
    expect(body).toContain("### Root causes");
    expect(body.match(/could not be used/g)).toHaveLength(1);
    expect(body).toContain('.github/rca.md:3:9: unclosed "{{": expected "}}" on the same line');
  });

  it("a valid repository template is used", async () => {
    world = await startWorld({
      config: "tracking:\n  rca:\n    template: .github/rca.md\n    labels: [postmortem]\n",
      files: { ".github/rca.md": "# Postmortem: {{incident_title}}\n\n{{timeline}}\n" },
    });
    await criticalIncident();
    const postmortems = world.sandbox
      .issues(REPO)
      .filter((issue) => issue.labels.includes("postmortem"));
    expect(postmortems).toHaveLength(1);
    expect(postmortems[0]!.body).toMatch(
      /^# Postmortem: Checkout is down\n\n<!-- upkeep:rca-timeline -->/,
    );
  });
});

describe("due dates", () => {
  it("count working days on an SLA calendar, with holidays from its ICS file", async () => {
    world = await startWorld({
      config: [
        "sla:",
        "  calendars:",
        "    office:",
        "      timezone: UTC",
        "      hours: { weekdays: '09:00-17:00' }",
        "      holidaysIcs: .github/holidays.ics",
        "tracking:",
        "  rca:",
        "    due: { businessDays: 5, calendar: office }",
        "",
      ].join("\n"),
      files: {
        ".github/holidays.ics":
          "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20260304\r\nSUMMARY:Company day\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
      },
    });
    await criticalIncident();
    // Closed Monday 12:30; Wednesday is a holiday: Tuesday, Thursday, Friday, Monday, Tuesday.
    expect(rcas()[0]!.body).toContain("Due: **2026-03-10 12:30 UTC**");
  });
});

describe("/rca skip", () => {
  it("by a triager records the decision and no RCA opens; by a reader it is refused once", async () => {
    world = await startWorld();
    const { sandbox } = world;
    const number = await sandbox
      .as("reporter")
      .openIssue(REPO, { title: "Game day drill", labels: ["severity: critical"] });
    await sandbox.as("reporter").comment(REPO, number, "/rca skip I do not want one");
    await sandbox.as("reporter").comment(REPO, number, "/rca skip really");
    await sandbox.as("triager").comment(REPO, number, "/rca skip planned drill, nothing @broke");
    await sandbox.idle();
    await sandbox.as("lead").close(REPO, number, "completed");
    await sandbox.idle();
    expect(rcas()).toEqual([]);
    const bot = sandbox
      .issue(REPO, number)
      .comments.filter((comment) => comment.user === "upkeep[bot]");
    expect(bot.filter((comment) => comment.body.includes("upkeep:rca-refusal"))).toHaveLength(1);
    const record = bot.find((comment) => comment.body.includes("upkeep:rca-skip"));
    expect(record?.body).toContain("`triager` skipped it");
    expect(record?.body).toContain("planned drill, nothing @\u2060broke");
  });
});

/** The REST shape of an issue, as the sandbox renders it in payloads. */
function githubIssue(number: number) {
  const view = world.sandbox.issue(REPO, number);
  const example = world.sandbox.webhookPayload("issues", "closed", { repo: REPO }) as {
    issue: Record<string, unknown>;
  };
  return {
    ...example.issue,
    number: view.number,
    title: view.title,
    state: view.state,
    state_reason: view.stateReason,
    labels: view.labels.map((name) => ({ name })),
  };
}
