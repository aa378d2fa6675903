import { describe, expect, it } from "vitest";
import { parseConfigText } from "../../core/config/parse.ts";
import { defaultConfig } from "../../core/config/schema.ts";
import type { Actor, IssueEvent } from "../../core/model/issue.ts";
import type { TriageConfig } from "../../core/triage/config.ts";
import { decideSeverity } from "../../core/triage/decide.ts";
import { planLabels } from "../../core/triage/plan.ts";

const defaults = defaultConfig().triage;

function configFrom(yaml: string): TriageConfig {
  const result = parseConfigText(yaml);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.config.triage;
}

const issue = (title: string, body = "", labels: string[] = []) => ({ title, body, labels });

const human = { login: "maria", type: "User" as const };
const bot = { login: "upkeep[bot]", type: "Bot" as const };

function labeled(label: string, actor: Actor = human, at = "2026-01-01T10:00:00Z"): IssueEvent {
  return { id: `${label}-${at}`, event: "labeled", label, actor, createdAt: at };
}

describe("built-in rules with no config", () => {
  it.each([
    ["Production outage since 10:00", "critical"],
    ["The site is down", "critical"],
    ["Data loss after upgrade", "critical"],
    ["Security vulnerability in the login form", "critical"],
    ["App crashes on startup", "critical"],
    ["Regression in 2.3: export no longer works", "major"],
    ["Search feature is broken", "major"],
    ["Degraded performance on the dashboard", "major"],
    ["Typo in the README", "minor"],
    ["Cosmetic: button colour is off", "minor"],
    // Phrasing a newcomer's trial run missed (issue #17), and common ones seen on real trackers.
    ["Invoices readable by other users", "critical"],
    ["Customer data lost after migration", "critical"],
    ["Query returns wrong results with an index join", "critical"],
    ["tikv panic when run sysbench prepare", "critical"],
    ["Cannot log in with my saved security key", "critical"],
    ["Site is slow", "major"],
    ["Page stuck after clicking confirm", "major"],
    ["Export fails with a NullPointerException", "major"],
    ["Dead link in the installation guide", "minor"],
    ["Unclear error message for failed jobs", "minor"],
    ["www.example.nl - The page is blank", "minor"],
    ["Two servers OOM-killed repeatedly under load", "critical"],
    ["Error for MAX_EXECUTION_TIME isn't compatible with MySQL", "minor"],
    ["Long token name text overflows out of the card", "minor"],
  ])("%s → %s", (title, severity) => {
    expect(decideSeverity(issue(title), defaults).severity).toBe(severity);
  });

  it("a bug report with no stronger signal is major, and says it read as a bug report", () => {
    const decision = decideSeverity(
      issue("Sidebar", "Steps to reproduce: open settings. The list is missing an entry."),
      defaults,
    );
    expect(decision).toMatchObject({ severity: "major", source: "built-in" });
    expect(decision.reason).toContain('"bug report"');
  });

  it("a feature request or task gets no severity: severities start SLA clocks", () => {
    for (const title of ["Support nested mount points", "Upgrade ZooKeeper to 3.8.3"])
      expect(decideSeverity(issue(title), defaults).severity).toBeNull();
  });

  it("leaves an unclear issue undecided so it gets needs-triage", () => {
    const decision = decideSeverity(issue("Question about the API"), defaults);
    expect(decision.severity).toBeNull();
    expect(planLabels([], decision, defaults)).toEqual({ add: ["needs-triage"], remove: [] });
  });

  it("ignores template guidance in HTML comments", () => {
    const body =
      "<!-- Is this a security vulnerability? Report it privately. -->\nThe tooltip has a typo";
    expect(decideSeverity(issue("Small thing", body), defaults).severity).toBe("minor");
  });

  it("sees through zero-width characters", () => {
    expect(decideSeverity(issue("out\u200bage in eu-west"), defaults).severity).toBe("critical");
  });

  it("can be switched off", () => {
    const config = configFrom("triage:\n  builtInRules: false\n  default: minor\n");
    const decision = decideSeverity(issue("The site is down"), config);
    expect(decision).toMatchObject({ severity: "minor", source: "default" });
  });
});

describe("decision order", () => {
  const formBody =
    "### Severity\n\nCritical: system down\n\n### What happened?\n\nA typo somewhere";

  it("the issue form's field beats rules", () => {
    const decision = decideSeverity(issue("Typo", formBody), defaults);
    expect(decision).toMatchObject({ severity: "critical", source: "form" });
    expect(decision.reason).toContain("Critical: system down");
  });

  it("an empty form field falls through to rules", () => {
    const body = "### Severity\n\n_No response_\n\n### What happened?\n\nThe service is down";
    expect(decideSeverity(issue("Help", body), defaults)).toMatchObject({
      severity: "critical",
      source: "built-in",
    });
  });

  it("configured rules run in order before built-in ones; the first match wins", () => {
    const config = configFrom(
      [
        "triage:",
        "  rules:",
        "    - name: payments",
        "      severity: major",
        "      labels: [payments]",
        "    - severity: minor",
        "      keywords: [outage]",
      ].join("\n"),
    );
    expect(decideSeverity(issue("Outage", "", ["Payments"]), config)).toMatchObject({
      severity: "major",
      source: "rule",
    });
    expect(decideSeverity(issue("Outage in staging"), config)).toMatchObject({
      severity: "minor",
      source: "rule",
    });
  });

  it("a rule needs all its conditions", () => {
    const config = configFrom(
      "triage:\n  builtInRules: false\n  rules:\n    - severity: critical\n      title: '^\\[prod\\]'\n      body: checkout\n",
    );
    expect(decideSeverity(issue("[prod] slow", "checkout fails"), config).severity).toBe(
      "critical",
    );
    expect(decideSeverity(issue("[prod] slow", "search fails"), config).severity).toBeNull();
    expect(decideSeverity(issue("[dev] slow", "checkout fails"), config).severity).toBeNull();
  });

  it("keywords match whole words only", () => {
    const config = configFrom(
      "triage:\n  builtInRules: false\n  rules:\n    - severity: major\n      keywords: [api]\n",
    );
    expect(decideSeverity(issue("The API rejects tokens"), config).severity).toBe("major");
    expect(decideSeverity(issue("Rapid clicks"), config).severity).toBeNull();
  });
});

describe("a person's choice", () => {
  it("a maintainer's manual severity is never overwritten", () => {
    const events = [labeled("severity: minor", human)];
    const decision = decideSeverity(issue("The site is down", "", ["severity: minor"]), defaults, {
      events,
    });
    expect(decision).toMatchObject({ severity: "minor", source: "human-label" });
    expect(planLabels(["severity: minor"], decision, defaults)).toEqual({ add: [], remove: [] });
  });

  it("a human removing the severity label keeps it removed", () => {
    const events = [
      labeled("severity: critical", bot, "2026-01-01T10:00:00Z"),
      { ...labeled("severity: critical", human, "2026-01-01T11:00:00Z"), event: "unlabeled" },
    ];
    const decision = decideSeverity(issue("The site is down"), defaults, { events });
    expect(decision).toMatchObject({ severity: null, source: "human-label" });
    expect(planLabels([], decision, defaults)).toEqual({ add: [], remove: [] });
  });

  it("trusts the timeline over a webhook's older label list", () => {
    const events = [labeled("severity: major", human, "2026-01-01T12:00:00Z")];
    const decision = decideSeverity(issue("The site is down", "", []), defaults, { events });
    expect(decision).toMatchObject({ severity: "major", source: "human-label" });
    expect(planLabels([], decision, defaults)).toEqual({ add: [], remove: [] });
  });

  it("Upkeep's own label events do not lock the issue", () => {
    const events = [labeled("severity: minor", bot)];
    const decision = decideSeverity(issue("The site is down", "", ["severity: minor"]), defaults, {
      events,
    });
    expect(decision.severity).toBe("critical");
    expect(planLabels(["severity: minor"], decision, defaults)).toEqual({
      add: ["severity: critical"],
      remove: ["severity: minor"],
    });
  });

  it("a severity label present at creation counts as the author's choice", () => {
    const decision = decideSeverity(issue("The site is down", "", ["severity: major"]), defaults, {
      events: [],
    });
    expect(decision).toMatchObject({ severity: "major", source: "human-label" });
  });

  it("an authorised /severity command after a human label wins, an unauthorised one does not", () => {
    const events: IssueEvent[] = [
      labeled("severity: minor", human, "2026-01-01T10:00:00Z"),
      {
        id: 7,
        event: "commented",
        actor: { login: "lead", type: "User" },
        createdAt: "2026-01-01T11:00:00Z",
        body: "/severity critical",
      },
      {
        id: 8,
        event: "commented",
        actor: { login: "visitor", type: "User" },
        createdAt: "2026-01-01T12:00:00Z",
        body: "/severity minor",
      },
    ];
    const decision = decideSeverity(issue("x", "", ["severity: minor"]), defaults, {
      events,
      authorised: (login) => login === "lead",
    });
    expect(decision).toMatchObject({ severity: "critical", source: "command" });
    expect(planLabels(["severity: minor"], decision, defaults)).toEqual({
      add: ["severity: critical"],
      remove: ["severity: minor"],
    });
  });
});

describe("labels", () => {
  it("uses configured names and clears needs-triage once decided", () => {
    const config = configFrom("triage:\n  labels:\n    critical: { name: P0, color: '#FF0000' }\n");
    const decision = decideSeverity(issue("Outage"), config);
    expect(planLabels(["needs-triage", "bug"], decision, config)).toEqual({
      add: ["P0"],
      remove: ["needs-triage"],
    });
    expect(config.labels.critical.color).toBe("ff0000");
  });
});
