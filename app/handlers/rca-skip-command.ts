// issue_comment.created / edited: `/rca skip <reason>` by a maintainer (github/tracking/rca-skip.ts).
import { commentFromRest, issueFromRest } from "../../core/model/rest.ts";
import { parseRcaCommand } from "../../core/tracking/rca/command.ts";
import { handleRcaSkip } from "../../github/tracking/rca-skip.ts";
import { defineHandler } from "../handler.ts";
import { issueLock } from "../issue-lock.ts";

export const rcaSkipCommandHandler = defineHandler({
  name: "rca-skip",
  events: ["issue_comment.created", "issue_comment.edited"],
  async handle({ payload, github, config, log }) {
    // Most comments are not commands: decide that before any API call.
    if (!parseRcaCommand(payload.comment.body ?? "")) return;
    const issue = issueFromRest(payload.issue);
    if (issue.isPullRequest) return;
    const comment = commentFromRest(payload.comment);
    await issueLock.run(issueLock.key(github.repo, issue.number), async () => {
      const outcome = await handleRcaSkip(github, issue.number, comment, await config());
      log.info({ issue: issue.number, comment: comment.id, outcome }, "rca skip command");
    });
  },
});
