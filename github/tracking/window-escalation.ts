// The sweep's escalation of breached security windows: reads comments only of windows past their
// deadline, posts one batched comment per window for the SLA chain's steps that came due.
import type { UpkeepConfig } from "../../core/config/schema.ts";
import { isWrittenBy } from "../../core/model/issue.ts";
import type { Clock } from "../../core/time/clock.ts";
import { alwaysOpen, type CalendarResolver } from "../../core/tracking/calendar.ts";
import { windowEscalation } from "../../core/tracking/security/escalation.ts";
import { readWindow } from "../../core/tracking/security/stored.ts";
import { patchWindow } from "../../core/tracking/security/window.ts";
import type { GitHubPort } from "../port.ts";
import { trackingSettings } from "./settings.ts";

export async function escalateBreachedWindows(
  github: GitHubPort,
  config: UpkeepConfig,
  clock: Clock,
  options: { calendars?: CalendarResolver } = {},
): Promise<number[]> {
  const windows = config.tracking.securityWindows;
  if (!windows.enabled || config.sla.escalation.length === 0) return [];
  const calendar =
    trackingSettings(config, options.calendars).calendars(windows.calendar) ?? alwaysOpen;
  const escalated: number[] = [];
  const query = {
    state: "open" as const,
    labels: [...windows.labels.slice(0, 1), config.sla.labels.breached],
  };
  for await (const issue of github.listIssues(query)) {
    const tracked = issue.isPullRequest ? undefined : readWindow(issue);
    const open = tracked?.findings.filter((finding) => finding.state === "open") ?? [];
    const window = patchWindow(open, windows, calendar);
    if (!window || window.deadline > clock.now()) continue;
    const comment = windowEscalation({
      window,
      assignees: issue.assignees,
      // Steps recorded by anyone else (a copied marker) are not steps done.
      comments: (await github.listComments(issue.number)).filter((entry) =>
        isWrittenBy(entry.author, github.botLogin),
      ),
      steps: config.sla.escalation,
      now: clock.now(),
    });
    if (!comment) continue;
    await github.createComment(
      issue.number,
      comment,
      `window-escalation:${issue.number}:${comment}`,
    );
    escalated.push(issue.number);
  }
  return escalated;
}
