// Posts the report as one issue per period, updated in place; found by its marker through list APIs.

import { isWrittenBy } from "../../core/model/issue.ts";
import { reportMarker } from "../../core/report/render-markdown.ts";
import type { GitHubPort } from "../../github/port.ts";

export async function publishReportIssue(
  port: GitHubPort,
  input: { periodKey: string; title: string; body: string; label: string },
): Promise<{ number: number; created: boolean }> {
  const marker = reportMarker(input.periodKey);
  for await (const issue of port.listIssues({
    state: "all",
    labels: [input.label],
    sort: "created",
    direction: "asc",
  })) {
    // Only our own report issue: the marker copied into someone else's issue is not it.
    if (!issue.body.includes(marker) || !isWrittenBy(issue.author, port.botLogin)) continue;
    if (issue.body !== input.body || issue.title !== input.title) {
      await port.updateIssue(issue.number, { title: input.title, body: input.body });
    }
    return { number: issue.number, created: false };
  }
  const created = await port.createIssue({
    title: input.title,
    body: input.body,
    labels: [input.label],
  });
  return { number: created.number, created: true };
}
