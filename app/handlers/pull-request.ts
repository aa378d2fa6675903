// pull_request.opened / edited / reopened: triage pull requests too, when `triage.pullRequests`
// is on (labels on a pull request are issue labels, so the same reconciler applies).
import { issueFromRest } from "../../core/model/rest.ts";
import { triageIssue } from "../../core/triage/reconcile.ts";
import { defineHandler } from "../handler.ts";
import { issueLock } from "../issue-lock.ts";
import { ensureTriageLabels } from "../triage-labels.ts";

export const pullRequestTriageHandler = defineHandler({
  name: "triage-pull-request",
  events: ["pull_request.opened", "pull_request.edited", "pull_request.reopened"],
  async handle({ payload, github, config, log }) {
    const upkeep = await config();
    if (!upkeep.triage.pullRequests) return;
    const pull = { ...issueFromRest(payload.pull_request), isPullRequest: true };
    await issueLock.run(issueLock.key(github.repo, pull.number), async () => {
      const outcome = await triageIssue(github, pull, upkeep, { ensureLabels: ensureTriageLabels });
      log.info({ pullRequest: pull.number, outcome }, "triage");
    });
  },
});
