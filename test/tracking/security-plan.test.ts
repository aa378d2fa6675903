import { describe, expect, it } from "vitest";
import { alwaysOpen, weekdaysCalendar } from "../../core/tracking/calendar.ts";
import { securityWindowsConfigSchema } from "../../core/tracking/config.ts";
import type { Finding, FindingInput } from "../../core/tracking/security/finding.ts";
import { findingSchema } from "../../core/tracking/security/finding.ts";
import {
  planSecurityWindows,
  type WindowAction,
  type WindowPlanInput,
} from "../../core/tracking/security/plan.ts";
import { readWindow, type TrackedWindow } from "../../core/tracking/security/stored.ts";

const config = securityWindowsConfigSchema.parse({});

function finding(overrides: Partial<FindingInput> = {}): Finding {
  return findingSchema.parse({
    id: "dependabot:20",
    aliases: ["GHSA-c2qf-rxjj-qqgw"],
    source: "dependabot",
    title: "semver vulnerable to ReDoS",
    package: "semver",
    ecosystem: "npm",
    severity: "high",
    firstSeenAt: "2026-03-02T09:00:00Z",
    fixHint: "Upgrade semver to 7.5.2 or later.",
    manifestPaths: ["package-lock.json"],
    url: "https://github.com/octo-org/octo-repo/security/dependabot/20",
    ...overrides,
  });
}

function plan(overrides: Partial<WindowPlanInput>): WindowAction[] {
  return planSecurityWindows({
    existing: [],
    findings: [],
    config,
    calendar: alwaysOpen,
    now: new Date("2026-03-02T10:00:00Z"),
    zone: "UTC",
    ...overrides,
  });
}

/** Applies a plan to an in-memory list of issues, the way the applier does through the port. */
function apply(existing: TrackedWindow[], actions: WindowAction[]): TrackedWindow[] {
  const issues = existing.map((window) => ({ ...window }));
  for (const action of actions) {
    if (action.kind === "create") {
      const number = Math.max(0, ...issues.map((issue) => issue.number)) + 1;
      issues.push(
        readWindow({
          number,
          state: "open",
          createdAt: "",
          labels: action.labels,
          body: action.body,
        })!,
      );
      continue;
    }
    const issue = issues.find((candidate) => candidate.number === action.number)!;
    if (action.kind === "close-duplicate") issue.state = "closed";
    if (action.kind === "close" || action.kind === "reopen" || action.kind === "update") {
      const body = action.kind === "update" ? (action.body ?? issue.body) : action.body;
      Object.assign(issue, readWindow({ ...issue, body }));
    }
    if (action.kind === "close") issue.state = "closed";
    if (action.kind === "reopen") issue.state = "open";
    const add = "addLabels" in action ? action.addLabels : [];
    const remove = "removeLabels" in action ? action.removeLabels : [];
    issue.labels = [...issue.labels.filter((label) => !remove.includes(label)), ...add];
  }
  return issues;
}

describe("opening a window", () => {
  it("a new finding gets one issue with deadline, severity, links, paths, fix hint and marker", () => {
    const [action] = plan({ findings: [finding()] });
    if (action?.kind !== "create") throw new Error(JSON.stringify(action));
    expect(action.title).toBe("Security window: semver vulnerable to ReDoS in semver");
    expect(action.labels).toEqual(["security", "security: high"]);
    expect(action.body).toContain(
      "**Patch deadline: 2026-03-05 09:00 UTC** (3d window for **high** findings, counted 24x7)",
    );
    expect(action.body).toContain(
      "[dependabot:20](https://github.com/octo-org/octo-repo/security/dependabot/20) ([GHSA-c2qf-rxjj-qqgw](https://github.com/advisories/GHSA-c2qf-rxjj-qqgw))",
    );
    expect(action.body).toContain("- `package-lock.json`");
    expect(action.body).toContain("- Upgrade semver to 7.5.2 or later.");
    expect(action.body).toContain("<!-- upkeep:security-window id=dependabot:20 -->");
  });

  it.each([
    ["critical", "1d", "2026-03-03 09:00 UTC"],
    ["medium", "14d", "2026-03-16 09:00 UTC"],
    ["low", "90d", "2026-05-31 09:00 UTC"],
  ] as const)("a %s finding has a %s window", (severity, window, deadline) => {
    const [action] = plan({ findings: [finding({ severity })] });
    expect(action?.kind === "create" && action.body).toContain(
      `**Patch deadline: ${deadline}** (${window} window`,
    );
  });

  it("findings below the minimum severity get no issue", () => {
    const strict = securityWindowsConfigSchema.parse({ minSeverity: "high" });
    expect(plan({ config: strict, findings: [finding({ severity: "medium" })] })).toEqual([]);
  });

  it("a named calendar moves the deadline past the weekend", () => {
    const weekdays = securityWindowsConfigSchema.parse({ calendar: "weekdays" });
    const friday = finding({ severity: "critical", firstSeenAt: "2026-03-06T12:00:00Z" });
    const [action] = plan({
      config: weekdays,
      calendar: weekdaysCalendar("UTC"),
      findings: [friday],
    });
    expect(action?.kind === "create" && action.body).toContain(
      "**Patch deadline: 2026-03-09 12:00 UTC**",
    );
  });
});

describe("idempotency", () => {
  it("the same finding reported again changes nothing", () => {
    const issues = apply([], plan({ findings: [finding()] }));
    expect(plan({ existing: issues, findings: [finding()] })).toEqual([]);
  });

  it("of two issues for one finding, the younger is closed as duplicate of the older", () => {
    const created = plan({ findings: [finding()] });
    const twice = apply([], [...created, ...created]);
    expect(twice.map((issue) => issue.number)).toEqual([1, 2]);
    const actions = plan({ existing: twice, findings: [finding()] });
    expect(actions).toEqual([
      expect.objectContaining({ kind: "close-duplicate", number: 2, original: 1 }),
    ]);
  });
});

describe("closing and reopening", () => {
  it("a fixed finding closes its window with a comment", () => {
    const issues = apply([], plan({ findings: [finding()] }));
    const [action] = plan({
      existing: issues,
      findings: [finding({ state: "fixed", resolvedAt: "2026-03-03T08:00:00Z" })],
    });
    if (action?.kind !== "close") throw new Error(JSON.stringify(action));
    expect(action.comment).toContain("Every finding in this window is fixed");
    expect(action.comment).toContain("- `dependabot:20` was fixed at 2026-03-03 08:00 UTC.");
  });

  it("a dismissal is quoted without mentions or markdown injection", () => {
    const issues = apply([], plan({ findings: [finding()] }));
    const dismissed = finding({
      state: "dismissed",
      resolvedBy: "mona",
      resolution: "tolerable_risk",
      resolutionComment:
        "ok per @octo-org/security\n\n</details><img src=x onerror=alert(1)> [x](javascript:alert(1)) closes #1",
    });
    const [action] = plan({ existing: issues, findings: [dismissed] });
    if (action?.kind !== "close") throw new Error(JSON.stringify(action));
    expect(action.comment).toContain("was dismissed by `mona` as tolerable\\_risk.");
    expect(action.comment).not.toMatch(/@octo/);
    expect(action.comment).not.toMatch(/(?<!\\)[<[]/);
    expect(action.comment).not.toMatch(/#1/);
    expect(action.comment).toContain("> ok per @\u2060octo-org/security");
  });

  it("a reopened alert reopens the closed window", () => {
    let issues = apply([], plan({ findings: [finding()] }));
    issues = apply(issues, plan({ existing: issues, findings: [finding({ state: "fixed" })] }));
    expect(issues[0]?.state).toBe("closed");
    const [action] = plan({ existing: issues, findings: [finding()] });
    expect(action).toMatchObject({
      kind: "reopen",
      number: 1,
      comment: expect.stringContaining("`dependabot:20` is open again"),
    });
  });

  it("a redelivered fix does nothing to a closed window", () => {
    let issues = apply([], plan({ findings: [finding()] }));
    issues = apply(issues, plan({ existing: issues, findings: [finding({ state: "fixed" })] }));
    expect(plan({ existing: issues, findings: [finding({ state: "fixed" })] })).toEqual([]);
  });

  it("with complete sources, an open finding the scan no longer reports is fixed", () => {
    const scanFinding = finding({ id: "GHSA-x:npm/semver", source: "upkeep-deps" });
    const issues = apply([], plan({ findings: [scanFinding] }));
    const actions = plan({ existing: issues, findings: [], completeSources: ["upkeep-deps"] });
    expect(actions).toEqual([
      expect.objectContaining({
        kind: "close",
        comment: expect.stringContaining("no longer reported by the scan"),
      }),
    ]);
    expect(plan({ existing: issues, findings: [], completeSources: ["dependabot"] })).toEqual([]);
  });
});

describe("deadline labels", () => {
  it("at-risk after 75% of the window, breached after the deadline, removed when closed", () => {
    let issues = apply([], plan({ findings: [finding()] }));
    const at = (iso: string) => plan({ existing: issues, now: new Date(iso) });
    expect(at("2026-03-04T00:00:00Z")).toEqual([]);
    expect(at("2026-03-04T15:00:00Z")).toEqual([
      expect.objectContaining({ kind: "update", addLabels: ["sla: at-risk"] }),
    ]);
    issues = apply(issues, at("2026-03-04T15:00:00Z"));
    issues = apply(issues, at("2026-03-05T09:00:00Z"));
    expect(issues[0]?.labels).toEqual(["security", "security: high", "sla: breached"]);
    const [close] = plan({ existing: issues, findings: [finding({ state: "fixed" })] });
    expect(close).toMatchObject({ kind: "close", removeLabels: ["sla: breached"] });
  });
});

describe("grouping per package", () => {
  const byPackage = securityWindowsConfigSchema.parse({ groupBy: "package" });

  it("two advisories on one package share a window that closes when both are fixed", () => {
    const first = finding();
    const second = finding({
      id: "dependabot:21",
      severity: "critical",
      firstSeenAt: "2026-03-02T12:00:00Z",
    });
    let issues = apply([], plan({ config: byPackage, findings: [first, second] }));
    expect(issues).toHaveLength(1);
    expect(issues[0]?.key).toBe("package:npm/semver");
    expect(issues[0]?.body).toContain(
      "**Patch deadline: 2026-03-03 12:00 UTC** (1d window for **critical**",
    );
    issues = apply(
      issues,
      plan({ config: byPackage, existing: issues, findings: [{ ...second, state: "fixed" }] }),
    );
    expect(issues[0]?.state).toBe("open");
    expect(issues[0]?.body).toContain("**Patch deadline: 2026-03-05 09:00 UTC**");
    issues = apply(
      issues,
      plan({ config: byPackage, existing: issues, findings: [{ ...first, state: "fixed" }] }),
    );
    expect(issues[0]?.state).toBe("closed");
  });
});

describe("one problem, two sources", () => {
  it("Upkeep's scan finding for an advisory Dependabot already reported joins the same window", () => {
    let issues = apply([], plan({ findings: [finding()] }));
    const fromScan = finding({
      id: "upkeep-deps:GHSA-c2qf-rxjj-qqgw:npm/semver",
      source: "upkeep-deps",
      aliases: ["GHSA-c2qf-rxjj-qqgw", "CVE-2022-25883"],
      firstSeenAt: "2026-03-01T09:00:00Z",
    });
    const actions = plan({ existing: issues, findings: [fromScan] });
    expect(actions.map((action) => action.kind)).toEqual(["update"]);
    issues = apply(issues, actions);
    expect(issues).toHaveLength(1);
    // The earlier sighting by the scan moves the deadline forward.
    expect(issues[0]?.body).toContain("**Patch deadline: 2026-03-04 09:00 UTC**");
    // Dependabot's fix alone does not close it while the scan still reports the advisory.
    expect(
      plan({ existing: issues, findings: [finding({ state: "fixed" })] }).map(
        (action) => action.kind,
      ),
    ).toEqual(["update"]);
  });

  it("the same advisory on another package is another problem", () => {
    const issues = apply([], plan({ findings: [finding()] }));
    const elsewhere = finding({ id: "dependabot:21", package: "semver-clone" });
    expect(plan({ existing: issues, findings: [elsewhere] }).map((action) => action.kind)).toEqual([
      "create",
    ]);
  });
});
