// The SLA clock derived from an issue's history: goals, responses, pauses, reopenings.
import { describe, expect, it } from "vitest";
import { assessIssue } from "../../core/sla/plan.ts";
import { at, bot, IssueStory, maintainer, reporter, settings } from "./snapshot.ts";

const OFFICE = `
sla:
  calendars:
    office:
      timezone: Europe/Berlin
      hours: { weekdays: "09:00-17:00" }
      holidays: ["2026-12-25"]
  goals:
    critical: { response: 1h, resolution: 4h }
    major: { response: 4h, resolution: 24h, calendar: office }
    minor: { response: 3d, resolution: 5d, calendar: office }
`;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

describe("a critical issue on the default 24x7 goals", () => {
  const story = () => new IssueStory("2026-11-25T10:00:00Z", ["severity: critical"]);

  it("is on track, then at risk at 75%, then breached at the goal", () => {
    const snapshot = story().snapshot();
    const state = (now: string) => {
      const status = assessIssue(snapshot, settings(), at(now));
      return [status.response.state, status.resolution.state];
    };
    expect(state("2026-11-25T10:30:00Z")).toEqual(["on-track", "on-track"]);
    expect(state("2026-11-25T10:45:00Z")).toEqual(["at-risk", "on-track"]);
    expect(state("2026-11-25T11:00:00Z")).toEqual(["breached", "on-track"]);
    expect(state("2026-11-25T13:00:00Z")).toEqual(["breached", "at-risk"]);
    expect(state("2026-11-25T14:00:00Z")).toEqual(["breached", "breached"]);
    const status = assessIssue(snapshot, settings(), at("2026-11-25T10:30:00Z"));
    expect(iso(status.response.due)).toBe("2026-11-25T11:00:00.000Z");
    expect(iso(status.resolution.due)).toBe("2026-11-25T14:00:00.000Z");
    expect(iso(status.nextChangeAt)).toBe("2026-11-25T10:45:00.000Z");
  });

  it("a maintainer's comment is the response; the author's, a bot's and a reader's are not", () => {
    const issue = story()
      .comment("2026-11-25T10:05:00Z", reporter)
      .comment("2026-11-25T10:10:00Z", bot)
      .comment("2026-11-25T10:15:00Z", { login: "passer-by", type: "User" })
      .comment("2026-11-25T10:20:00Z", maintainer);
    const status = assessIssue(issue.snapshot(), settings(), at("2026-11-25T12:00:00Z"));
    expect(status.response.state).toBe("met");
    expect(iso(status.response.completedAt)).toBe("2026-11-25T10:20:00.000Z");
  });

  it("a response after the goal stays breached", () => {
    const issue = story().comment("2026-11-25T11:30:00Z", maintainer);
    const status = assessIssue(issue.snapshot(), settings(), at("2026-11-25T12:00:00Z"));
    expect(status.response.state).toBe("breached");
  });

  it("closing in time meets the resolution goal, closing late breaches it", () => {
    const early = story().close("2026-11-25T13:59:00Z");
    expect(
      assessIssue(early.snapshot(), settings(), at("2026-11-26T00:00:00Z")).resolution.state,
    ).toBe("met");
    const late = story().close("2026-11-25T14:01:00Z");
    expect(
      assessIssue(late.snapshot(), settings(), at("2026-11-26T00:00:00Z")).resolution.state,
    ).toBe("breached");
  });

  it("an issue without a severity label has no goals", () => {
    const issue = new IssueStory("2026-11-25T10:00:00Z", ["question"]);
    const status = assessIssue(issue.snapshot(), settings(), at("2026-12-25T10:00:00Z"));
    expect([status.response.state, status.resolution.state]).toEqual(["none", "none"]);
    expect([status.response.due, status.resolution.due]).toEqual([null, null]);
  });
});

describe("pauses", () => {
  it("a pause label stops the resolution clock and its removal resumes it", () => {
    // Major: 24 working hours on Mon–Fri 09–17 Berlin. Opened Mon 23 Nov 09:00 CET (08:00Z).
    const issue = new IssueStory("2026-11-23T08:00:00Z", ["severity: major"])
      .comment("2026-11-23T08:30:00Z", maintainer)
      .label("2026-11-23T12:00:00Z", "waiting-for-reporter"); // 4 working hours used
    const paused = assessIssue(issue.snapshot(), settings(OFFICE), at("2026-11-27T12:00:00Z"));
    expect(paused.resolution.state).toBe("paused");
    expect(paused.paused).toBe(true);
    expect(paused.resolution.due).toBeNull();
    expect(paused.resolution.elapsedMs).toBe(4 * 3_600_000);
    issue.unlabel("2026-11-30T08:00:00Z", "waiting-for-reporter"); // Monday 30th 09:00 CET
    const resumed = assessIssue(issue.snapshot(), settings(OFFICE), at("2026-11-30T09:00:00Z"));
    expect(resumed.resolution.state).toBe("on-track");
    // 20 working hours left from Mon 09:00: Mon 8h, Tue 8h, Wed 4h → Wed 2 Dec 13:00 CET.
    expect(iso(resumed.resolution.due)).toBe("2026-12-02T12:00:00.000Z");
  });

  it("a minor issue paused by waiting-for-reporter does not breach over a weekend", () => {
    const tight = settings(
      `${OFFICE}    minor: { response: 3d, resolution: 16h, calendar: office }\n`.replace(
        "    minor: { response: 3d, resolution: 5d, calendar: office }\n",
        "",
      ),
    );
    // Opened Thu 19 Nov 09:00 CET; by Fri 15:00 CET 14 of 16 working hours are used.
    const twin = () =>
      new IssueStory("2026-11-19T08:00:00Z", ["severity: minor"]).comment(
        "2026-11-19T09:00:00Z",
        maintainer,
      );
    const monday = at("2026-11-23T11:00:00Z");
    expect(assessIssue(twin().snapshot(), tight, monday).resolution.state).toBe("breached");
    const paused = twin().label("2026-11-20T14:00:00Z", "waiting-for-reporter");
    expect(assessIssue(paused.snapshot(), tight, monday).resolution.state).toBe("paused");
  });

  it("the reporter replying resumes the clock even while the label stays", () => {
    const issue = new IssueStory("2026-11-25T10:00:00Z", ["severity: critical"])
      .comment("2026-11-25T10:10:00Z", maintainer)
      .label("2026-11-25T11:00:00Z", "waiting-for-reporter")
      .comment("2026-11-25T15:00:00Z", reporter, "here are the logs");
    const status = assessIssue(issue.snapshot(), settings(), at("2026-11-25T15:30:00Z"));
    expect(status.paused).toBe(false);
    // 1h ran before the pause, 4h paused: due 4h after creation plus the 4h pause.
    expect(iso(status.resolution.due)).toBe("2026-11-25T18:00:00.000Z");
    const configured = settings("sla: { pause: { resumeOnReporterReply: false } }");
    expect(assessIssue(issue.snapshot(), configured, at("2026-11-25T15:30:00Z")).paused).toBe(true);
  });

  it("two pause labels pause until both are gone", () => {
    const issue = new IssueStory("2026-11-25T10:00:00Z", ["severity: critical"])
      .label("2026-11-25T10:30:00Z", "blocked")
      .label("2026-11-25T10:40:00Z", "waiting-for-reporter")
      .unlabel("2026-11-25T11:00:00Z", "blocked");
    expect(assessIssue(issue.snapshot(), settings(), at("2026-11-25T12:00:00Z")).paused).toBe(true);
    issue.unlabel("2026-11-25T12:30:00Z", "waiting-for-reporter");
    const status = assessIssue(issue.snapshot(), settings(), at("2026-11-25T13:00:00Z"));
    expect(status.paused).toBe(false);
    expect(iso(status.resolution.due)).toBe("2026-11-25T16:00:00.000Z");
  });
});

describe("reopening", () => {
  it("starts a new cycle and keeps the time spent in the earlier one", () => {
    const issue = new IssueStory("2026-11-25T10:00:00Z", ["severity: critical"])
      .comment("2026-11-25T10:10:00Z", maintainer)
      .close("2026-11-25T12:00:00Z")
      .reopen("2026-11-26T09:00:00Z");
    const status = assessIssue(issue.snapshot(), settings(), at("2026-11-26T09:30:00Z"));
    expect(status.cycle).toBe(2);
    expect(status.earlierCycles).toEqual([{ cycle: 1, resolutionMs: 2 * 3_600_000 }]);
    expect(status.resolution.state).toBe("on-track");
    expect(iso(status.resolution.due)).toBe("2026-11-26T13:00:00.000Z");
    // The reporter reopened it: the new cycle needs a new response.
    expect(status.response.state).toBe("on-track");
  });

  it("a maintainer reopening counts as the new cycle's response", () => {
    const issue = new IssueStory("2026-11-25T10:00:00Z", ["severity: critical"])
      .close("2026-11-25T10:30:00Z")
      .reopen("2026-11-26T09:00:00Z", maintainer);
    const status = assessIssue(issue.snapshot(), settings(), at("2026-11-26T12:00:00Z"));
    expect(status.response.state).toBe("met");
  });
});

describe("goal selection", () => {
  it("the first matching rule wins and falls back to the severity's goals for what it leaves out", () => {
    const yaml = `
sla:
  rules:
    - match: { anyLabels: [security] }
      resolution: 2h
    - match: { labels: [security, regression] }
      resolution: 1h
`;
    const issue = new IssueStory("2026-11-25T10:00:00Z", [
      "severity: critical",
      "security",
      "regression",
    ]);
    const status = assessIssue(issue.snapshot(), settings(yaml), at("2026-11-25T10:00:00Z"));
    expect(status.policy.source).toBe("rule 1");
    expect(iso(status.resolution.due)).toBe("2026-11-25T12:00:00.000Z");
    expect(iso(status.response.due)).toBe("2026-11-25T11:00:00.000Z");
  });

  it("severity label names come from the triage config", () => {
    const yaml = "triage: { labels: { critical: { name: P0 } } }";
    const issue = new IssueStory("2026-11-25T10:00:00Z", ["P0"]);
    expect(
      assessIssue(issue.snapshot(), settings(yaml), at("2026-11-25T10:00:00Z")).policy.severity,
    ).toBe("critical");
  });
});

describe("issues opened by maintainers", () => {
  it("have their response at creation unless configured otherwise", () => {
    const story = new IssueStory("2026-11-25T10:00:00Z", ["severity: critical"]);
    story.issue.author = maintainer;
    const now = at("2026-11-25T12:00:00Z");
    expect(assessIssue(story.snapshot(), settings(), now).response.state).toBe("met");
    const strict = settings("sla: { response: { openedByMaintainer: false } }");
    expect(assessIssue(story.snapshot(), strict, now).response.state).toBe("breached");
  });
});
