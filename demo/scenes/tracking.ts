// Tracking: a critical incident closes and its RCA appears with the timeline; a Dependabot alert
// opens a security window that breaches, then the fix closes it.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { parseConfigText } from "../../core/config/parse.ts";
import { sweepTracking } from "../../github/tracking/sweep.ts";
import {
  excerpt,
  heading,
  labelsOf,
  lastBotComment,
  REPO,
  type Stage,
  stagePort,
} from "../stage.ts";

const HOUR = 3_600_000;

export async function trackingScene(stage: Stage): Promise<void> {
  await rcaPart(stage);
  await securityWindowPart(stage);
}

async function rcaPart(stage: Stage): Promise<void> {
  heading("RCA after a critical incident");
  const { sandbox } = stage;
  const incident = await sandbox.as("visitor").openIssue(REPO, {
    title: "Orders are lost: data loss in checkout",
    body: "Orders placed since 09:00 are missing.",
  });
  await stage.settle();
  stage.clock.advance(0.25 * HOUR);
  await sandbox.as("maria").assign(REPO, incident, ["tom"]);
  await sandbox.as("tom").comment(REPO, incident, "Investigating, rolling back the 08:50 deploy.");
  stage.clock.advance(1.5 * HOUR);
  await sandbox
    .as("tom")
    .openPullRequest(REPO, { title: "Revert order queue batching", body: `Fixes #${incident}` });
  stage.clock.advance(HOUR);
  await sandbox.as("tom").close(REPO, incident, "completed");
  await stage.settle();
  const rca = sandbox.issues(REPO).find((issue) => issue.title.startsWith("RCA:"));
  if (!rca) throw new Error("demo: no RCA was opened");
  stage.say(
    `#${incident} ${labelsOf(stage, incident)} closed by tom → #${rca.number} "${rca.title}" ${labelsOf(stage, rca.number)}, assigned to ${rca.assignees.join(", ")}`,
  );
  stage.say(excerpt(lastBotComment(stage, incident), 1));
  const timeline = (rca.body ?? "").split("\n").filter((line) => line.startsWith("- **"));
  stage.say("   its timeline, prefilled from the incident's history:");
  for (const line of timeline) stage.say(`      │ ${line.slice(2).replace(/\*\*/g, "")}`);
}

async function securityWindowPart(stage: Stage): Promise<void> {
  heading("Security window for a Dependabot alert");
  const { sandbox, clock } = stage;
  const alert = { ...dependabotExample().alert, number: 20, created_at: clock.now().toISOString() };
  await sandbox.deliver(
    "dependabot_alert",
    sandbox.webhookPayload("dependabot_alert", "created", { repo: REPO, alert }),
  );
  await stage.settle();
  const window = sandbox.issues(REPO).find((issue) => issue.labels.includes("security"));
  if (!window) throw new Error("demo: no security window was opened");
  const deadline = /\*\*Patch deadline: ([^*]+)\*\*/.exec(window.body ?? "")?.[1];
  stage.say(
    `dependabot_alert.created (semver, medium) → #${window.number} ${labelsOf(stage, window.number)}, deadline ${deadline}`,
  );

  // The scheduled sweep (the SLA check action) moves the labels as the deadline nears and passes.
  const github = stagePort(stage);
  const config = parseConfigText(sandbox.file(REPO, ".github/upkeep.yml") ?? "");
  if (!config.ok) throw new Error("demo: invalid config");
  for (const days of [11, 4]) {
    clock.advance(days * 24 * HOUR);
    await sweepTracking(github, config.config, clock);
    stage.say(`   ${days} days later, the sweep → ${labelsOf(stage, window.number)}`);
  }
  await sandbox.deliver(
    "dependabot_alert",
    sandbox.webhookPayload("dependabot_alert", "fixed", {
      repo: REPO,
      alert: { ...alert, state: "fixed", fixed_at: clock.now().toISOString() },
    }),
  );
  await stage.settle();
  stage.say(
    `dependabot_alert.fixed → #${window.number} is ${sandbox.issue(REPO, window.number).state}`,
  );
  stage.say(excerpt(lastBotComment(stage, window.number), 2));
}

function dependabotExample(): { alert: Record<string, unknown> } {
  const root = dirname(
    createRequire(import.meta.url).resolve("@octokit/webhooks-examples/package.json"),
  );
  const sets = JSON.parse(readFileSync(join(root, "api.github.com/index.json"), "utf8")) as Array<{
    name: string;
    examples: Array<{ action?: string; alert: Record<string, unknown> }>;
  }>;
  const example = sets
    .find((set) => set.name === "dependabot_alert")
    ?.examples.find((entry) => entry.action === "created");
  if (!example) throw new Error("demo: the dependabot_alert example is missing");
  return structuredClone(example);
}
