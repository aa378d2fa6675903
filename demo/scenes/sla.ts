// SLA clocks: the sweep runs as the scheduled sla-check action would while the clock moves. A critical
// issue goes at risk, breaches and escalates once; a minor one waiting for its reporter is paused
// over the weekend and does not breach.
import { parseConfigText } from "../../core/config/parse.ts";
import { type SweepReport, sweepRepository } from "../../core/sla/sweep.ts";
import { loadSlaSettings, newSlaRun } from "../../core/sla/sync.ts";
import {
  excerpt,
  heading,
  labelsOf,
  lastBotComment,
  REPO,
  type Stage,
  stagePort,
} from "../stage.ts";

const MINUTE = 60_000;

export async function slaScene(stage: Stage, configText: string): Promise<void> {
  heading("SLA clocks and escalation");
  const parsed = parseConfigText(configText);
  if (!parsed.ok) throw new Error("demo config is invalid");
  const port = stagePort(stage);
  const { settings } = await loadSlaSettings(port, parsed.config);
  let previous: SweepReport | undefined;
  const sweep = async () => {
    const now = stage.clock.now().getTime();
    previous = await sweepRepository(newSlaRun(port, settings), {
      now,
      previous,
      maxReads: 300,
      periodStart: now - 30 * 86_400_000,
    });
    await stage.settle();
    return previous;
  };
  const stateOf = (report: SweepReport, number: number) => {
    const entry = report.issues.find((issue) => issue.number === number);
    return entry
      ? `response ${entry.response.state}, resolution ${entry.resolution.state}`
      : "no SLA";
  };
  const time = () => stage.clock.now().toISOString().slice(5, 16).replace("T", " ");

  const critical = await stage.sandbox
    .as("visitor")
    .openIssue(REPO, { title: "Login fails for every user (outage)" });
  await stage.settle();
  await stage.sandbox.as("maria").assign(REPO, critical, ["tom"]);
  await stage.settle();
  stage.say(`${time()} #${critical} opened → ${labelsOf(stage, critical)}`);
  for (const minutes of [50, 20, 30]) {
    stage.clock.advance(minutes * MINUTE);
    const report = await sweep();
    stage.say(
      `${time()} sweep: #${critical} ${stateOf(report, critical)} ${labelsOf(stage, critical)}`,
    );
  }
  const escalations = stage.sandbox
    .issue(REPO, critical)
    .comments.filter((comment) => comment.body.includes("upkeep:sla-escalation"));
  stage.say(`   escalation comments on #${critical} after three sweeps: ${escalations.length}`);
  stage.say(excerpt(escalations[0]?.body, 2));

  // Friday afternoon: a minor bug, answered and waiting for its reporter over the weekend.
  stage.clock.set("2026-11-27T15:00:00Z");
  const minor = await stage.sandbox
    .as("visitor")
    .openIssue(REPO, { title: "Typo on the invoice page" });
  await stage.settle();
  stage.clock.advance(30 * MINUTE);
  await stage.sandbox
    .as("tom")
    .comment(REPO, minor, "Which invoice? Could you attach a screenshot?");
  await stage.sandbox.as("tom").addLabels(REPO, minor, ["waiting-for-reporter"]);
  await stage.settle();
  stage.say(`${time()} #${minor} ${labelsOf(stage, minor)}, answered and waiting for the reporter`);
  stage.clock.set("2026-11-30T09:00:00Z");
  const monday = await sweep();
  stage.say(`${time()} (Monday) sweep: #${minor} ${stateOf(monday, minor)}`);
  stage.say(excerpt(lastBotComment(stage, minor), 2));
}
