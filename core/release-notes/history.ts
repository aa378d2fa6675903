// Splits a whole history into releases in one pass: a commit belongs to the oldest release tag that
// contains it. Fed newest-first in topological order, every child is seen before its parents, so
// a commit's owner is known when it arrives and only the frontier is kept in memory.
import semver, { SemVer } from "semver";
import type { GitCommit } from "./commit.ts";
import { type ReleaseTag, versionOfTag } from "./version.ts";

export interface HistoryRelease {
  /** Parsed once: comparing versions for every commit must not re-parse them. */
  rank?: SemVer;
  /** Undefined for commits after the newest tag. */
  tag?: ReleaseTag;
  /** Committer date of the tagged commit. */
  date?: string;
  commits: GitCommit[];
}

export async function splitIntoReleases(
  commits: AsyncIterable<GitCommit> | Iterable<GitCommit>,
  tagPrefix: string,
): Promise<HistoryRelease[]> {
  const unreleased: HistoryRelease = { commits: [] };
  const byTag = new Map<string, HistoryRelease>();
  const pending = new Map<string, HistoryRelease>();
  for await (const commit of commits) {
    const own = ownTag(commit, tagPrefix);
    let release = pending.get(commit.hash) ?? unreleased;
    if (own) {
      release = byTag.get(own.name) ?? {
        tag: own,
        rank: new SemVer(own.version),
        date: commit.date,
        commits: [],
      };
      byTag.set(own.name, release);
    }
    pending.delete(commit.hash);
    release.commits.push(commit);
    for (const parent of commit.parents) {
      const other = pending.get(parent);
      if (!other || isOlder(release, other)) pending.set(parent, release);
    }
  }
  const tagged = [...byTag.values()].sort((a, b) =>
    semver.rcompare(a.tag?.version ?? "0.0.0", b.tag?.version ?? "0.0.0"),
  );
  return unreleased.commits.length ? [unreleased, ...tagged] : tagged;
}

function ownTag(commit: GitCommit, prefix: string): ReleaseTag | undefined {
  let best: ReleaseTag | undefined;
  for (const name of commit.tags ?? []) {
    const version = versionOfTag(name, prefix);
    if (version && (!best || semver.gt(version, best.version)))
      best = { name, version, hash: commit.hash };
  }
  return best;
}

function isOlder(a: HistoryRelease, b: HistoryRelease): boolean {
  if (a === b || !a.rank) return false;
  if (!b.rank) return true;
  return a.rank.compare(b.rank) < 0;
}
