// One check-in run (the check-ins action and the sweep): read the check-in issues, let the core decide, open and remind.
import { BUILT_IN_CHECKLISTS, type CheckinConfig } from "../core/checkins/config.ts";
import { type CheckinAction, type CheckinIssue, planCheckins } from "../core/checkins/plan.ts";
import { isWrittenBy } from "../core/model/issue.ts";
import type { Clock } from "../core/time/clock.ts";
import { readShippedFile } from "../shipped/files.ts";
import type { GitHubPort } from "./port.ts";

export const CHECKIN_MARKER_TEXT = "<!-- upkeep:checkin ";

export async function runCheckins(input: {
  port: GitHubPort;
  checkins: CheckinConfig[];
  zone: string;
  clock: Clock;
  readRepoFile?: (path: string) => Promise<string | undefined>;
}): Promise<{ actions: CheckinAction[]; opened: number[]; problems: string[] }> {
  const { port, checkins } = input;
  const problems: string[] = [];
  const checklists = new Map<string, string>();
  for (const name of new Set(checkins.map((checkin) => checkin.checklist))) {
    const text = await loadChecklist(name, input.readRepoFile ?? ((path) => port.readFile(path)));
    if (text === undefined)
      problems.push(`checklist "${name}" is neither built in nor a file in the repository`);
    else checklists.set(name, text);
  }
  const labels = [...new Set(checkins.flatMap((checkin) => checkin.labels))];
  const existing: CheckinIssue[] = [];
  const seen = new Set<number>();
  // One label is enough to find them all; list APIs, not search, so a fresh issue is never missed.
  for (const label of labels.length > 0 ? labels : [undefined]) {
    for await (const issue of port.listIssues({
      state: "all",
      ...(label ? { labels: [label] } : {}),
    })) {
      if (seen.has(issue.number) || !issue.body.includes(CHECKIN_MARKER_TEXT)) continue;
      // A check-in marker copied into someone else's issue is not a check-in.
      if (!isWrittenBy(issue.author, port.botLogin)) continue;
      seen.add(issue.number);
      existing.push({
        number: issue.number,
        state: issue.state,
        body: issue.body,
        closedAt: issue.closedAt,
      });
    }
  }
  const actions = planCheckins({
    checkins,
    existing,
    checklists,
    now: input.clock.now(),
    zone: input.zone,
  });
  const opened: number[] = [];
  for (const action of actions) {
    if (action.kind === "open") {
      const issue = await port.createIssue({
        title: action.title,
        body: action.body,
        labels: action.labels,
        assignees: action.assignees,
        // The marker line names the check-in and its occurrence: one issue per occurrence.
        key: `checkin:${action.body.split("\n")[0]}`,
      });
      opened.push(issue.number);
    } else {
      await port.updateIssue(action.number, { body: action.body });
      await port.createComment(
        action.number,
        action.comment,
        `checkin-reminder:${action.number}:${action.comment}`,
      );
    }
  }
  return { actions, opened, problems };
}

async function loadChecklist(
  name: string,
  readRepoFile: (path: string) => Promise<string | undefined>,
) {
  if ((BUILT_IN_CHECKLISTS as readonly string[]).includes(name)) {
    return readShippedFile(`templates/checkins/${name}.md`);
  }
  return readRepoFile(name);
}
