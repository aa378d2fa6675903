// RCA writes through the GitHub port against the sandbox: races, late skips, assignees GitHub refuses.
import { afterEach, beforeEach, expect, it } from "vitest";
import { parseConfigText } from "../../core/config/parse.ts";
import { defaultConfig } from "../../core/config/schema.ts";
import { commentFromRest } from "../../core/model/rest.ts";
import { ManualClock } from "../../core/time/clock.ts";
import type { OctokitGitHub } from "../../github/octokit-port.ts";
import { reconcileRca } from "../../github/tracking/rca.ts";
import { handleRcaSkip } from "../../github/tracking/rca-skip.ts";
import { type Sandbox, startSandbox } from "../../sandbox/index.ts";
import { installationPort } from "../support/sandbox-port.ts";

const REPO = "octo-org/octo-repo";
let sandbox: Sandbox;
let github: OctokitGitHub;

beforeEach(async () => {
  sandbox = await startSandbox({ clock: new ManualClock("2026-03-02T09:00:00Z") });
  sandbox.addRepo(REPO);
  for (const [login, permission] of [
    ["lead", "maintain"],
    ["oncall", "write"],
  ] as const) {
    sandbox.addUser(login);
    sandbox.setPermission(REPO, login, permission);
  }
  github = installationPort(sandbox, REPO);
});

afterEach(async () => {
  sandbox.assertValid();
  await sandbox.close();
});

async function closedIncident(): Promise<number> {
  const number = await sandbox
    .as("lead")
    .openIssue(REPO, { title: "Search down", labels: ["severity: major"] });
  await sandbox.as("oncall").close(REPO, number, "completed");
  return number;
}

const rcas = () => sandbox.issues(REPO).filter((issue) => issue.labels.includes("rca"));

it("two runs racing past the check: the younger RCA is closed as duplicate and only the older is linked", async () => {
  const incident = await closedIncident();
  const [first, second] = await Promise.all([
    reconcileRca(github, incident, defaultConfig()),
    reconcileRca(github, incident, defaultConfig()),
  ]);
  expect(first.rcaNumber).toBe(second.rcaNumber);
  const open = rcas().filter((issue) => issue.state === "open");
  expect(open.map((issue) => issue.number)).toEqual([first.rcaNumber]);
  const closed = rcas().filter((issue) => issue.state === "closed");
  for (const duplicate of closed) expect(duplicate.stateReason).toBe("duplicate");
  const links = sandbox
    .issue(REPO, incident)
    .comments.filter((comment) => comment.body.includes("upkeep:rca-link"));
  expect(links).toHaveLength(1);
  expect(links[0]?.body).toContain(`tracked in #${first.rcaNumber}.`);
});

it("a skip after the RCA was opened closes the RCA as not planned", async () => {
  const incident = await closedIncident();
  const { rcaNumber } = await reconcileRca(github, incident, defaultConfig());
  const id = await sandbox
    .as("lead")
    .comment(REPO, incident, "/rca skip customer-facing impact was nil");
  const raw = sandbox.issue(REPO, incident).comments.find((comment) => comment.id === id)!;
  const comment = commentFromRest({
    id,
    body: raw.body,
    user: { login: "lead", type: "User" },
    created_at: raw.createdAt,
  });
  expect(await handleRcaSkip(github, incident, comment, defaultConfig())).toBe("recorded");
  expect(await handleRcaSkip(github, incident, comment, defaultConfig())).toBe("already-recorded");
  const rca = sandbox.issue(REPO, rcaNumber!);
  expect(rca.state).toBe("closed");
  expect(rca.stateReason).toBe("not_planned");
  expect(rca.comments.at(-1)?.body).toContain("`lead` skipped the root-cause analysis");
});

it("extra assignees GitHub cannot assign are dropped and the RCA still opens", async () => {
  const parsed = parseConfigText(
    "tracking:\n  rca:\n    assignees:\n      extra: [no-such-user]\n",
  );
  if (!parsed.ok) throw new Error("config");
  const incident = await closedIncident();
  const outcome = await reconcileRca(github, incident, parsed.config);
  expect(outcome.decision).toBe("create");
  const rca = sandbox.issue(REPO, outcome.rcaNumber!);
  expect(rca.title).toBe(`RCA: Search down (#${incident})`);
  expect(rca.assignees).toEqual(["oncall"]);
});

it("a configured template that does not exist is named, and the built-in one is used", async () => {
  const parsed = parseConfigText("tracking:\n  rca:\n    template: .github/RCA.md\n");
  if (!parsed.ok) throw new Error("config");
  const incident = await closedIncident();
  const outcome = await reconcileRca(github, incident, parsed.config);
  expect(outcome.templateError).toBe(".github/RCA.md: not found in the repository");
  expect(sandbox.issue(REPO, outcome.rcaNumber!).body).toContain("### Lessons learned");
});
