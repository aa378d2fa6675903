// The whole CHANGELOG from a local history: one streamed `git log` pass with tag decorations,
// split into releases by the core, each rendered as its own section (newest first).
import type { ReleaseNotesConfig } from "../core/release-notes/config.ts";
import { splitIntoReleases } from "../core/release-notes/history.ts";
import { planFromEntries, type ReleasePlan } from "../core/release-notes/release.ts";
import { readCommits } from "./log.ts";
import { type PullRequestBodies, withBodies } from "./pull-request-bodies.ts";
import { loadOverrides, ReleaseInputError, repositoryOf } from "./release-source.ts";
import { resolveRef } from "./repository.ts";

export interface HistoryOptions {
  cwd: string;
  config: ReleaseNotesConfig;
  to?: string;
  today: string;
  /** Pull request descriptions, for `BEGIN_COMMIT_OVERRIDE` blocks. */
  pullRequestBodies?: PullRequestBodies;
}

export async function planHistory(options: HistoryOptions): Promise<ReleasePlan[]> {
  const { cwd, config } = options;
  const overrides = await loadOverrides(cwd, config.overridesFile);
  const repository = await repositoryOf(cwd, config);
  // Resolved first, so a ref is never read by git as an option.
  const head = await resolveRef(cwd, options.to ?? "HEAD").catch(() => {
    throw new ReleaseInputError(`--to ${options.to}: no such commit or tag`);
  });
  const commits = withBodies(
    readCommits(cwd, { revisions: [head], withTags: true }),
    options.pullRequestBodies,
  );
  const releases = await splitIntoReleases(commits, config);
  const tagged = releases.filter((release) => release.tag);
  return releases.map((release) => {
    const at = tagged.indexOf(release);
    const previous = at === -1 ? tagged[0]?.tag : tagged[at + 1]?.tag;
    return planFromEntries({
      entries: release.entries,
      warnings: release.warnings,
      previous,
      tag: release.tag?.name,
      config,
      overrides,
      repository,
      date: release.date?.slice(0, 10) ?? options.today,
      changelogOnly: true,
    });
  });
}

export function changelogOf(plans: ReleasePlan[]): string {
  const sections = plans.map((plan) => plan.markdown).filter(Boolean);
  return `# Changelog\n\n${sections.join("\n")}`;
}
