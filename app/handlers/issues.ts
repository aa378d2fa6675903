// issues.opened / edited / reopened: triage the issue (see core/triage/reconcile.ts).
import { issueFromRest } from "../../core/model/rest.ts";
import { triageIssue } from "../../core/triage/reconcile.ts";
import { defineHandler } from "../handler.ts";
import { issueLock } from "../issue-lock.ts";
import { ensureTriageLabels } from "../triage-labels.ts";

export const issuesTriageHandler = defineHandler({
  name: "triage",
  events: ["issues.opened", "issues.edited", "issues.reopened"],
  async handle({ payload, github, config, log }) {
    const issue = issueFromRest(payload.issue);
    await issueLock.run(issueLock.key(github.repo, issue.number), async () => {
      const outcome = await triageIssue(github, issue, await config(), {
        ensureLabels: ensureTriageLabels,
      });
      log.info({ issue: issue.number, outcome }, "triage");
    });
  },
});
