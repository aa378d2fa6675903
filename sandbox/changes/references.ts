// Mentions like "#12" or "octo-org/octo-repo#12" put a cross-referenced event on the mentioned issue.
import type { Account, IssueRecord, Repo } from "../model.ts";
import type { SandboxState } from "../state.ts";

const REFERENCE = /(?:^|[\s(])(?:([\w.-]+\/[\w.-]+))?#(\d+)\b/g;

export function recordCrossReferences(
  state: SandboxState,
  actor: Account,
  repo: Repo,
  source: IssueRecord,
  text: string | null,
): void {
  if (!text) return;
  for (const match of text.matchAll(REFERENCE)) {
    const targetRepo = match[1] ? state.repos.get(match[1].toLowerCase()) : repo;
    const target = targetRepo?.issues.get(Number(match[2]));
    if (!targetRepo || !target || target === source) continue;
    const already = target.events.some(
      (event) =>
        event.event === "cross-referenced" &&
        event.source?.repo === repo.fullName &&
        event.source.number === source.number,
    );
    if (already) continue;
    target.events.push({
      id: state.id(),
      event: "cross-referenced",
      actor,
      createdAt: state.now(),
      source: { repo: repo.fullName, number: source.number },
    });
  }
}
