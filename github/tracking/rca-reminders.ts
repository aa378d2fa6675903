// Reminders on overdue RCAs, for the sweep: the reminder comments themselves are the state.
import type { UpkeepConfig } from "../../core/config/schema.ts";
import { isWrittenBy } from "../../core/model/issue.ts";
import type { Clock } from "../../core/time/clock.ts";
import { readMarker } from "../../core/tracking/markers.ts";
import { RCA_MARKER } from "../../core/tracking/rca/body.ts";
import { dueReminder } from "../../core/tracking/rca/reminder.ts";
import type { GitHubPort } from "../port.ts";

/** For the sweep: one reminder per interval on every overdue open RCA. Returns the RCAs reminded. */
export async function sendRcaReminders(
  github: GitHubPort,
  config: UpkeepConfig,
  clock: Clock,
): Promise<number[]> {
  const rca = config.tracking.rca;
  if (!rca.enabled || rca.reminder === "off") return [];
  const reminded: number[] = [];
  for await (const issue of github.listIssues({ state: "open", labels: rca.labels.slice(0, 1) })) {
    const due = readMarker(issue.body, RCA_MARKER)?.due;
    if (issue.isPullRequest || !due || Date.parse(due) > clock.now().getTime()) continue;
    // Only our own reminders count: a copied reminder marker must not silence the next one.
    const own = (await github.listComments(issue.number)).filter((entry) =>
      isWrittenBy(entry.author, github.botLogin),
    );
    const comment = dueReminder(issue, own, clock.now(), rca, config.timezone);
    if (!comment) continue;
    await github.createComment(issue.number, comment, `rca-reminder:${issue.number}:${comment}`);
    reminded.push(issue.number);
  }
  return reminded;
}
