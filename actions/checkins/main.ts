// The check-ins action: opens each recurring maintenance task's issue when it falls due and reminds before due.
import * as core from "@actions/core";
import { systemClock } from "../../core/time/clock.ts";
import { runCheckins } from "../../github/checkins.ts";
import { loadActionConfig } from "../config.ts";
import { actionGitHub } from "../github-port.ts";

async function main(): Promise<void> {
  const port = actionGitHub(core.getInput("token", { required: true }));
  const config = await loadActionConfig(port, core.getInput("config") || undefined);
  if (!config) return;
  const result = await runCheckins({
    port,
    checkins: config.checkins,
    zone: config.timezone,
    clock: systemClock,
  });
  for (const problem of result.problems) core.error(problem);
  const reminded = result.actions.filter((action) => action.kind === "remind").length;
  core.setOutput("opened", result.opened.join(","));
  core.setOutput("reminded-count", String(reminded));
  await core.summary
    .addHeading("Upkeep check-ins", 2)
    .addRaw(
      `${config.checkins.length} recurring check-in(s); opened ${result.opened.length}, reminded ${reminded}.`,
      true,
    )
    .addList(result.opened.map((number) => `#${number}`))
    .write();
  if (result.problems.length > 0)
    core.setFailed(`${result.problems.length} check-in problem(s); see the errors`);
}

main().catch((error: Error) => core.setFailed(error.message));
