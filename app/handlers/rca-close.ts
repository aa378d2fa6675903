// issues.closed: a critical or major incident closed as completed gets its RCA tracking issue;
// one closed again after a reopen gets the new events appended (github/tracking/rca.ts).
import { issueFromRest } from "../../core/model/rest.ts";
import { incidentSeverity } from "../../core/tracking/severity.ts";
import { slaCalendarsWithHolidays } from "../../github/tracking/calendars.ts";
import { reconcileRca } from "../../github/tracking/rca.ts";
import { trackingSettings } from "../../github/tracking/settings.ts";
import { defineHandler } from "../handler.ts";
import { issueLock } from "../issue-lock.ts";

export const rcaCloseHandler = defineHandler({
  name: "rca",
  events: ["issues.closed"],
  // A workflow or another bot closing an incident still calls for an RCA.
  acceptBots: true,
  async handle({ payload, github, config, log }) {
    const issue = issueFromRest(payload.issue);
    if (issue.isPullRequest || (issue.stateReason ?? "completed") !== "completed") return;
    const loaded = await config();
    const severity = incidentSeverity(issue.labels, trackingSettings(loaded).severityLabels);
    if (!severity || !loaded.tracking.rca.severities.includes(severity)) return;
    await issueLock.run(issueLock.key(github.repo, issue.number), async () => {
      const calendars = await slaCalendarsWithHolidays(github, loaded);
      const outcome = await reconcileRca(github, issue.number, loaded, { calendars });
      if (outcome.templateError)
        log.warn(
          { issue: issue.number, error: outcome.templateError },
          "RCA template unusable; used the built-in one",
        );
      log.info({ issue: issue.number, outcome }, "rca");
    });
  },
});
