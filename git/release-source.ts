// Gathers everything one release needs from a local checkout — tags reachable from the head, the
// commits since the previous release, overrides, the repository URL — and lets the core plan it.
// Shared by the CLI and the action, so both faces compute the same notes.
import semver from "semver";
import type { GitCommit } from "../core/release-notes/commit.ts";
import type { ReleaseNotesConfig } from "../core/release-notes/config.ts";
import {
  parseRepositoryUrl,
  type RepositoryUrl,
  repositoryFromPackageJson,
} from "../core/release-notes/links.ts";
import {
  type EntryOverride,
  formatOverrideProblem,
  parseOverrides,
} from "../core/release-notes/overrides.ts";
import { planRelease, type ReleasePlan } from "../core/release-notes/release.ts";
import { type ReleaseTag, releaseTags } from "../core/release-notes/version.ts";
import { knownAuthorsBefore } from "./authors.ts";
import { readCommits } from "./log.ts";
import { attachBody, type PullRequestBodies } from "./pull-request-bodies.ts";
import { readWorkingFile, remoteUrl, resolveRef } from "./repository.ts";
import { firstReachable, listTags, tagDate } from "./tags.ts";

export interface LocalReleaseOptions {
  cwd: string;
  config: ReleaseNotesConfig;
  /** Previous release ref; default the latest release tag reachable from `to`. */
  from?: string;
  to?: string;
  channel?: string;
  /** Today, YYYY-MM-DD, for a release that has no tag yet. */
  today: string;
  /** Commit sha → GitHub login, when a face could ask the API. */
  logins?: (commits: GitCommit[]) => Promise<Map<string, string>>;
  /** Pull request descriptions, for `BEGIN_COMMIT_OVERRIDE` blocks. */
  pullRequestBodies?: PullRequestBodies;
}

export interface LocalReleasePlan extends ReleasePlan {
  /** The commit the release is cut from. */
  head: string;
}

export class ReleaseInputError extends Error {
  override name = "ReleaseInputError";
}

export async function planLocalRelease(options: LocalReleaseOptions): Promise<LocalReleasePlan> {
  const { cwd, config } = options;
  const toHash = await resolveRef(cwd, options.to ?? "HEAD").catch(() => {
    throw new ReleaseInputError(`--to ${options.to}: no such commit or tag`);
  });
  const tags = releaseTags(await listTags(cwd), config.tagPrefix);
  // A release tag named by --to is the release: it names the section and gives its date.
  const own =
    tags.find((tag) => tag.name === options.to) ??
    (options.from ? undefined : tags.find((tag) => tag.hash === toHash));
  const previous = options.from
    ? await fromRef(cwd, options.from, tags)
    : await firstReachable(cwd, baseCandidates(tags, toHash, own, options.channel), toHash);
  const commits: GitCommit[] = [];
  const range = previous ? [`${previous.hash}..${toHash}`] : [toHash];
  for await (const commit of readCommits(cwd, { revisions: range })) commits.push(commit);
  const bodies = options.pullRequestBodies;
  // One at a time: with the API behind it, a release of hundreds of commits must not burst.
  if (bodies) for (const commit of commits) await attachBody(commit, bodies);
  const emails = commits.map((commit) => commit.authorEmail);
  const plan = planRelease({
    commits,
    previous,
    config,
    tag: own?.name,
    channel: options.channel,
    overrides: await loadOverrides(cwd, config.overridesFile),
    repository: await repositoryOf(cwd, config),
    date: own ? ((await tagDate(cwd, own.name)) ?? options.today) : options.today,
    contributors: {
      knownBefore: await knownAuthorsBefore(cwd, previous?.hash, emails),
      logins: options.logins ? await options.logins(commits) : undefined,
      bots: config.botAuthors,
    },
  });
  return { ...plan, head: toHash };
}

/**
 * Tags that may be the previous release. A stable release starts from the last stable one, so its
 * notes cover everything its release candidates had; a prerelease starts from any earlier tag.
 */
function baseCandidates(
  tags: ReleaseTag[],
  head: string,
  own: ReleaseTag | undefined,
  channel?: string,
): ReleaseTag[] {
  const stable = own ? semver.prerelease(own.version) === null : !channel;
  return tags.filter(
    (tag) =>
      tag.hash !== head &&
      (!own || semver.lt(tag.version, own.version)) &&
      (!stable || semver.prerelease(tag.version) === null),
  );
}

/** `--from` may be a release tag (its version is the base) or any ref (base version from tags behind it). */
async function fromRef(cwd: string, ref: string, tags: ReleaseTag[]): Promise<ReleaseTag> {
  const hash = await resolveRef(cwd, ref).catch(() => {
    throw new ReleaseInputError(`--from ${ref}: no such commit or tag`);
  });
  const named = tags.find((tag) => tag.name === ref) ?? (await firstReachable(cwd, tags, hash));
  return { name: ref, hash, version: named?.version ?? "0.0.0" };
}

export async function loadOverrides(
  cwd: string,
  file: string,
): Promise<Map<string, EntryOverride>> {
  const text = await readWorkingFile(cwd, file).catch((error: Error) => {
    throw new ReleaseInputError(error.message);
  });
  if (text === undefined) return new Map();
  const result = parseOverrides(text, file);
  if (!result.ok)
    throw new ReleaseInputError(result.problems.map(formatOverrideProblem).join("\n"));
  return result.overrides;
}

/** Config first, then package.json `repository`, then the `origin` remote. */
export async function repositoryOf(
  cwd: string,
  config: ReleaseNotesConfig,
): Promise<RepositoryUrl | undefined> {
  return (
    parseRepositoryUrl(config.repositoryUrl) ??
    parseRepositoryUrl(repositoryFromPackageJson(await readWorkingFile(cwd, "package.json"))) ??
    parseRepositoryUrl(await remoteUrl(cwd))
  );
}
