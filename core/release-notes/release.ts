// One release from the commits since the previous release tag: which entries survive, the bump and
// next version, and every rendering (changelog section, patch/enhancement notes, GitHub release body).
import type { GitCommit, ReleaseEntry, ReleaseWarning } from "./commit.ts";
import type { ReleaseNotesConfig } from "./config.ts";
import {
  type Contributor,
  type ContributorLookup,
  contributorsOf,
  renderContributors,
} from "./contributors.ts";
import { entriesOf } from "./entries.ts";
import { renderEnhancementNotes, renderPatchNotes } from "./extra-notes.ts";
import { type LinkBuilder, linkBuilder, type RepositoryUrl } from "./links.ts";
import { renderSection, sectionOf } from "./markdown.ts";
import { applyOverrides, type EntryOverride } from "./overrides.ts";
import { cancelReverts } from "./reverts.ts";
import {
  type Bump,
  bumpOf,
  nextVersion,
  type ReleaseTag,
  releaseAsOf,
  tagName,
  versionOfTag,
} from "./version.ts";

export interface ReleaseInput {
  /** Commits after the previous release up to the release's head, newest first. */
  commits: GitCommit[];
  previous?: ReleaseTag;
  config: ReleaseNotesConfig;
  overrides?: Map<string, EntryOverride>;
  repository?: RepositoryUrl;
  /** YYYY-MM-DD shown in the heading. */
  date: string;
  /** Prerelease channel (`rc`, `beta`); stable when undefined. */
  channel?: string;
  /** The release's own tag when it already exists (regenerating a past section); else computed. */
  tag?: string;
  contributors?: ContributorLookup;
  /** Leave out patch/enhancement notes and the release body (a whole-history CHANGELOG needs none). */
  changelogOnly?: boolean;
}

export interface ReleasePlan {
  version?: string;
  tag?: string;
  previousTag?: string;
  bump: Bump;
  entries: ReleaseEntry[];
  warnings: ReleaseWarning[];
  contributors: Contributor[];
  /** The CHANGELOG.md section, exactly as prepended. Empty when there is nothing to release. */
  markdown: string;
  patchNotes: string;
  enhancementNotes: string;
  /** The GitHub release body: the section without its heading, plus contributors. */
  releaseBody: string;
}

export function entriesForRelease(
  commits: GitCommit[],
  config: ReleaseNotesConfig,
  overrides?: Map<string, EntryOverride>,
) {
  const read = entriesOf(commits, config);
  const entries = applyOverrides(withoutReverted(read.entries, config), overrides ?? new Map());
  return { entries, warnings: read.warnings };
}

/** conventional-changelog drops a revert and its target when both are in a release; release-please lists both. */
function withoutReverted(entries: ReleaseEntry[], config: ReleaseNotesConfig): ReleaseEntry[] {
  return config.style === "conventional-changelog" ? cancelReverts(entries) : entries;
}

export function planRelease(input: ReleaseInput): ReleasePlan {
  const read = entriesOf(input.commits, input.config);
  const contributors = input.contributors ? contributorsOf(input.commits, input.contributors) : [];
  return planFromEntries({
    ...input,
    entries: read.entries,
    warnings: read.warnings,
    contributors,
  });
}

export interface EntriesInput extends Omit<ReleaseInput, "commits" | "contributors"> {
  /** Entries of the release's commits, newest first, before reverts and overrides. */
  entries: ReleaseEntry[];
  warnings: ReleaseWarning[];
  contributors?: Contributor[];
}

/** Plans a release from entries already read (a whole history is read once, then split). */
export function planFromEntries(input: EntriesInput): ReleasePlan {
  const { config } = input;
  const entries = applyOverrides(
    withoutReverted(input.entries, config),
    input.overrides ?? new Map(),
  );
  const bump = bumpOf(entries, config);
  const version = input.tag
    ? versionOfTag(input.tag, config.tagPrefix)
    : nextVersion(input.previous?.version, bump, {
        preMajorBreakingBumps: config.preMajorBreakingBumps,
        initialVersion: config.initialVersion,
        channel: input.channel,
        releaseAs: releaseAsOf(entries),
      });
  const links = input.repository ? linkBuilder(input.repository) : undefined;
  const contributors = input.contributors ?? [];
  const base: ReleasePlan = {
    bump,
    entries,
    warnings: input.warnings,
    contributors,
    previousTag: input.previous?.name,
    markdown: "",
    patchNotes: "",
    enhancementNotes: "",
    releaseBody: "",
  };
  if (!version) return base;
  const tag = input.tag ?? tagName(version, config.tagPrefix);
  return {
    ...base,
    version,
    tag,
    ...renderings(version, tag, input, entries, contributors, links),
  };
}

function renderings(
  version: string,
  tag: string,
  input: EntriesInput,
  entries: ReleaseEntry[],
  contributors: Contributor[],
  links?: LinkBuilder,
) {
  const heading = { version, tag, previousTag: input.previous?.name, date: input.date };
  const markdown = renderSection(heading, entries, input.config, links);
  if (input.changelogOnly) return { markdown };
  const withoutHeading = markdown.slice(markdown.indexOf("\n") + 1).trim();
  const people = renderContributors(contributors);
  return {
    markdown,
    patchNotes: renderPatchNotes(version, entries, input.config, links),
    enhancementNotes: renderEnhancementNotes(version, entries, input.config, links),
    releaseBody: `${[withoutHeading, people.trim()].filter(Boolean).join("\n\n")}\n`,
  };
}

/** The JSON context other tools read (`--format json`, the action's notes file). */
export function releaseContext(plan: ReleasePlan, config: ReleaseNotesConfig) {
  return {
    version: plan.version ?? null,
    tag: plan.tag ?? null,
    previousTag: plan.previousTag ?? null,
    bump: plan.bump,
    entries: plan.entries.map((entry) => ({
      hash: entry.hash,
      type: entry.type,
      /** Null for hidden types: the entry counts for nothing and is not listed. */
      section: sectionOf(entry, config) ?? null,
      scope: entry.scope ?? null,
      subject: entry.subject,
      breaking: entry.breaking,
      pr: entry.pr ?? null,
      references: entry.references,
      advisories: entry.advisories,
      author: entry.author,
    })),
    contributors: plan.contributors,
    warnings: plan.warnings,
    markdown: plan.markdown,
    patchNotes: plan.patchNotes,
    enhancementNotes: plan.enhancementNotes,
  };
}
