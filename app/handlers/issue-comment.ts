// issue_comment.created / edited: the `/severity` command (see core/triage/reconcile.ts).
import { commentFromRest, issueFromRest } from "../../core/model/rest.ts";
import { hasSeverityCommand } from "../../core/triage/command.ts";
import { runSeverityCommand } from "../../core/triage/reconcile.ts";
import { defineHandler } from "../handler.ts";
import { issueLock } from "../issue-lock.ts";
import { ensureTriageLabels } from "../triage-labels.ts";

export const severityCommandHandler = defineHandler({
  name: "severity-command",
  events: ["issue_comment.created", "issue_comment.edited"],
  async handle({ payload, github, config, log }) {
    // Most comments are not commands: decide that before any API call, config read included.
    if (!hasSeverityCommand(payload.comment.body ?? "")) return;
    const issue = issueFromRest(payload.issue);
    const comment = commentFromRest(payload.comment);
    await issueLock.run(issueLock.key(github.repo, issue.number), async () => {
      const outcome = await runSeverityCommand(github, issue, comment, await config(), {
        ensureLabels: ensureTriageLabels,
      });
      log.info({ issue: issue.number, comment: comment.id, outcome }, "severity command");
    });
  },
});
