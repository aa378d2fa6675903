import { describe, expect, it } from "vitest";
import { builtInCalendars } from "../../core/tracking/calendar.ts";
import { rcaConfigSchema } from "../../core/tracking/config.ts";
import { decideRca, type RcaInput } from "../../core/tracking/rca/decide.ts";
import { skipRecordComment } from "../../core/tracking/rca/messages.ts";
import { DEFAULT_SEVERITY_LABELS } from "../../core/tracking/severity.ts";
import { comment, event, incident, incidentHistory } from "./support/incident.ts";

function input(overrides: Partial<RcaInput> = {}): RcaInput {
  return {
    incident: incident(),
    events: incidentHistory(),
    comments: [],
    config: rcaConfigSchema.parse({}),
    zone: "UTC",
    severityLabels: DEFAULT_SEVERITY_LABELS,
    escalationLabels: ["sla: at-risk", "sla: breached"],
    calendars: builtInCalendars("UTC"),
    ...overrides,
  };
}

function created(decision: ReturnType<typeof decideRca>) {
  if (decision.kind !== "create")
    throw new Error(`expected create, got ${JSON.stringify(decision)}`);
  return decision;
}

describe("which closed incidents get an RCA", () => {
  it.each([
    ["a critical incident closed as completed", {}, "create"],
    ["a major incident closed as completed", { labels: ["severity: major"] }, "create"],
    ["a minor incident", { labels: ["severity: minor"] }, "none"],
    ["an incident without severity", { labels: [] }, "none"],
    ["a critical incident closed as not planned", { stateReason: "not_planned" }, "none"],
    ["a critical incident closed as duplicate", { stateReason: "duplicate" }, "none"],
    ["a critical incident that is open", { state: "open" as const, closedAt: null }, "none"],
    ["a pull request", { isPullRequest: true }, "none"],
    ["an RCA issue itself", { body: "<!-- upkeep:rca incident=3 -->" }, "none"],
    ["a security window", { body: "<!-- upkeep:security-window id=dependabot:1 -->" }, "none"],
  ])("%s → %s", (_name, change, kind) => {
    expect(decideRca(input({ incident: incident(change) })).kind).toBe(kind);
  });

  it("follows the configured severities", () => {
    const config = rcaConfigSchema.parse({ severities: ["critical"] });
    const major = incident({ labels: ["severity: major"] });
    expect(decideRca(input({ incident: major, config })).kind).toBe("none");
  });

  it("a recorded `/rca skip` decision means no RCA", () => {
    const skip = comment(
      "upkeep[bot]",
      "2026-03-02T13:00:00Z",
      skipRecordComment("lead", "tabletop drill"),
    );
    const decision = decideRca(input({ comments: [skip] }));
    expect(decision).toEqual({ kind: "none", reason: "a maintainer skipped the RCA" });
  });
});

describe("the RCA issue", () => {
  it("names the incident, carries the config labels, and assigns closer plus incident assignees", () => {
    const decision = created(decideRca(input()));
    expect(decision.title).toBe("RCA: Checkout is down for EU customers (#12)");
    expect(decision.labels).toEqual(["rca"]);
    expect(decision.assignees).toEqual(["oncall"]);
    expect(decision.body).toContain("Incident: #12");
    expect(decision.body).toContain("<!-- upkeep:rca incident=12 ");
  });

  it("assignees follow the config and never include a bot closer", () => {
    const config = rcaConfigSchema.parse({
      assignees: { incidentAssignees: false, extra: ["sre-lead"] },
    });
    const events = [
      ...incidentHistory().slice(0, -1),
      event("closed", "2026-03-02T13:30:00Z", "lead", { stateReason: "completed" }),
    ];
    expect(created(decideRca(input({ config, events }))).assignees).toEqual(["lead", "sre-lead"]);
    const botClose = [
      ...incidentHistory().slice(0, -1),
      event("closed", "2026-03-02T13:30:00Z", "upkeep[bot]"),
    ];
    expect(created(decideRca(input({ config, events: botClose }))).assignees).toEqual(["sre-lead"]);
  });

  it("is due the configured number of working days after the close, skipping the weekend", () => {
    const config = rcaConfigSchema.parse({ due: { businessDays: 2 } });
    const friday = incident({ closedAt: "2026-03-06T16:00:00Z" });
    const decision = created(decideRca(input({ incident: friday, config })));
    expect(decision.dueAt?.toISOString()).toBe("2026-03-10T16:00:00.000Z");
    expect(decision.body).toContain("Due: **2026-03-10 16:00 UTC**");
  });

  it("has no due date when businessDays is 0", () => {
    const config = rcaConfigSchema.parse({ due: { businessDays: 0 } });
    expect(created(decideRca(input({ config }))).dueAt).toBeNull();
  });

  it("prefills the timeline with every step of the incident, in order, with time and actor", () => {
    const body = created(decideRca(input())).body;
    const timeline = body.slice(
      body.indexOf("<!-- upkeep:rca-timeline -->"),
      body.indexOf("<!-- /upkeep:rca-timeline -->"),
    );
    const lines = timeline.split("\n").filter((line) => line.startsWith("- "));
    expect(lines).toEqual([
      "- **2026-03-02 09:00 UTC** · Incident opened · `reporter`",
      "- **2026-03-02 09:00 UTC** · Severity set to critical · `upkeep[bot]`",
      "- **2026-03-02 09:10 UTC** · Assigned: oncall · `lead`",
      "- **2026-03-02 09:20 UTC** · First response · `oncall`",
      "- **2026-03-02 10:00 UTC** · Escalated by Upkeep · `upkeep[bot]`",
      "- **2026-03-02 10:00 UTC** · SLA escalation: sla: breached · `upkeep[bot]`",
      "- **2026-03-02 12:00 UTC** · [Referenced by pull request #40](https://github.com/octo-org/octo-repo/pull/40): Fix pool @\u2060everyone exhaustion · `oncall`",
      "- **2026-03-02 13:00 UTC** · [Referenced in commit 0123456](https://github.com/octo-org/octo-repo/commit/0123456789abcdef) · `oncall`",
      "- **2026-03-02 13:30 UTC** · Closed as completed · `oncall`",
    ]);
  });

  it("fills impact and detection from the history", () => {
    const body = created(decideRca(input())).body;
    expect(body).toContain("- Start: 2026-03-02 09:00 UTC");
    expect(body).toContain("- End: 2026-03-02 13:30 UTC");
    expect(body).toContain("- Duration: 4h 30m");
    expect(body).toContain("First response: 2026-03-02 09:20 UTC by `oncall`");
  });

  it("shows times in the repository's time zone", () => {
    const body = created(decideRca(input({ zone: "Europe/Berlin" }))).body;
    expect(body).toContain("- Start: 2026-03-02 10:00 GMT+1");
  });

  it("a hostile title is rendered inert", () => {
    const hostile = incident({ title: "Down <img src=x> @org/team [click](javascript:alert(1))" });
    const body = created(decideRca(input({ incident: hostile }))).body;
    expect(body).not.toMatch(/@org/);
    expect(body).not.toMatch(/(?<!\\)<img/);
    expect(body).not.toContain("](javascript:");
  });
});

describe("templates", () => {
  it("uses the repository's template with its variables", () => {
    const template = {
      path: ".github/rca.md",
      text: "# {{ incident_title }}\nSeverity {{severity}}\n{{timeline}}\n",
    };
    const decision = created(decideRca(input({ template })));
    expect(
      decision.body.startsWith(
        "# Checkout is down for EU customers\nSeverity critical\n<!-- upkeep:rca-timeline -->",
      ),
    ).toBe(true);
    expect(decision.templateError).toBeUndefined();
  });

  it("adds the timeline when the template has none, so later closes can append", () => {
    const decision = created(
      decideRca(input({ template: { path: "rca.md", text: "Just {{severity}}" } })),
    );
    expect(decision.body).toContain("### Timeline\n<!-- upkeep:rca-timeline -->");
  });

  it("a template with a syntax error falls back to the default and says where the error is", () => {
    const template = { path: ".github/rca.md", text: "# RCA\n\nImpact {{ impact\n{{nope}}\n" };
    const decision = created(decideRca(input({ template })));
    const [first, second, ...rest] = decision.templateError!.split("\n");
    expect(first).toBe('.github/rca.md:3:8: unclosed "{{": expected "}}" on the same line');
    expect(second).toMatch(
      /^\.github\/rca\.md:4:1: unknown variable "nope"; known: incident_title, /,
    );
    expect(rest).toEqual([]);
    expect(decision.body).toContain("### Root causes");
    expect(decision.body).toContain("The RCA template could not be used");
  });
});

describe("reopen and close again", () => {
  it("appends only the new events to the existing RCA's timeline", () => {
    const first = created(decideRca(input()));
    const later = [
      ...incidentHistory(),
      event("reopened", "2026-03-03T08:00:00Z", "reporter"),
      event("labeled", "2026-03-03T08:05:00Z", "oncall", { label: "regression" }),
      event("closed", "2026-03-03T11:00:00Z", "oncall", { stateReason: "completed" }),
    ];
    const reclosed = incident({ closedAt: "2026-03-03T11:00:00Z" });
    const decision = decideRca(
      input({
        incident: reclosed,
        events: later,
        existing: { number: 50, body: first.body, state: "open" },
      }),
    );
    if (decision.kind !== "append") throw new Error(decision.kind);
    expect(decision.entries.map((entry) => entry.what)).toEqual([
      "Reopened",
      "Label added",
      "Closed as completed",
    ]);
    const body = decision.body!;
    expect(body.match(/Incident opened/g)).toHaveLength(1);
    expect(body).toContain(
      "- **2026-03-03 11:00 UTC** · Closed as completed · `oncall`\n<!-- /upkeep:rca-timeline -->",
    );
    expect(body).toContain("through=2026-03-03T11:00:00Z");
    // Redelivery of the same close: nothing more to append.
    const again = decideRca(
      input({ incident: reclosed, events: later, existing: { number: 50, body, state: "open" } }),
    );
    expect(again.kind).toBe("none");
  });

  it("when a person removed the timeline block, the new events go into a comment", () => {
    const later = [
      ...incidentHistory(),
      event("reopened", "2026-03-03T08:00:00Z", "reporter"),
      event("closed", "2026-03-03T11:00:00Z", "oncall"),
    ];
    const existing = {
      number: 50,
      body: "We rewrote this.\n<!-- upkeep:rca incident=12 through=2026-03-02T13:30:00Z -->",
      state: "open" as const,
    };
    const decision = decideRca(input({ events: later, existing }));
    if (decision.kind !== "append") throw new Error(decision.kind);
    expect(decision.body).toBeUndefined();
    expect(decision.comment).toContain("Reopened · `reporter`");
  });
});

describe("long histories", () => {
  it("a timeline of thousands of events keeps its start and end and stays under GitHub's body limit", () => {
    const noisy = Array.from({ length: 3_000 }, (_, index) =>
      event(
        index % 2 ? "unlabeled" : "labeled",
        new Date(Date.parse("2026-03-02T09:01:00Z") + index * 1_000).toISOString(),
        "flapper",
        { label: `status: ${"x".repeat(100)}` },
      ),
    );
    const events = [...noisy, ...incidentHistory().slice(-1)];
    const decision = created(decideRca(input({ events })));
    expect(decision.body.length).toBeLessThan(65_536);
    expect(decision.body).toContain("Incident opened · `reporter`");
    expect(decision.body).toContain("more events; see the incident's history");
    expect(decision.body).toContain(
      "Closed as completed · `oncall`\n<!-- /upkeep:rca-timeline -->",
    );
  });
});
