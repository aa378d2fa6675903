// issues.opened / edited / reopened: triage the issue (see core/triage/reconcile.ts).
// issues.labeled / unlabeled by a person on a severity label: that is their choice, so the
// reconciler only tidies Upkeep's own `needs-triage` label.
import { issueFromRest } from "../../core/model/rest.ts";
import { isSeverityLabel } from "../../core/triage/labels.ts";
import { triageIssue } from "../../core/triage/reconcile.ts";
import { defineHandler } from "../handler.ts";
import { issueLock } from "../issue-lock.ts";
import { ensureTriageLabels } from "../triage-labels.ts";

export const issuesTriageHandler = defineHandler({
  name: "triage",
  events: [
    "issues.opened",
    "issues.edited",
    "issues.reopened",
    "issues.labeled",
    "issues.unlabeled",
  ],
  async handle({ payload, github, config, log }) {
    const upkeep = await config();
    if ("label" in payload && payload.label && !isSeverityLabel(upkeep.triage, payload.label.name))
      return;
    const issue = issueFromRest(payload.issue);
    await issueLock.run(issueLock.key(github.repo, issue.number), async () => {
      const outcome = await triageIssue(github, issue, upkeep, {
        ensureLabels: ensureTriageLabels,
      });
      log.info({ issue: issue.number, outcome }, "triage");
    });
  },
});
