// Remembers, per process, which repositories already have the configured triage labels, so the
// check (one read) happens once per repository and label set rather than on every event.
import type { TriageConfig } from "../core/triage/config.ts";
import { triageLabels } from "../core/triage/labels.ts";
import { createMissingLabels } from "../core/triage/reconcile.ts";
import type { GitHubPort } from "../github/port.ts";

const ensured = new Set<string>();

export async function ensureTriageLabels(github: GitHubPort, config: TriageConfig): Promise<void> {
  const key =
    `${github.repo.owner}/${github.repo.repo}:${JSON.stringify(triageLabels(config))}`.toLowerCase();
  if (ensured.has(key)) return;
  await createMissingLabels(github, config);
  ensured.add(key);
}
