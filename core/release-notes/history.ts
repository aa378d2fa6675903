// Splits a whole history into releases: a commit belongs to the oldest release tag that contains
// it. Each commit is read into entries as it streams in (git keeps writing meanwhile); only the
// small graph (hash, parents, tag) is kept to assign commits to releases at the end.
import semver, { SemVer } from "semver";
import type { GitCommit, ReleaseEntry, ReleaseWarning } from "./commit.ts";
import type { ReleaseNotesConfig } from "./config.ts";
import { type CommitEntries, EntryReader } from "./entries.ts";
import { type ReleaseTag, versionOfTag } from "./version.ts";

export interface HistoryRelease {
  /** Undefined for commits after the newest tag. */
  tag?: ReleaseTag;
  /** Parsed once: comparing versions for every commit must not re-parse them. */
  rank?: SemVer;
  /** Committer date of the tagged commit. */
  date?: string;
  /** Entries of the release's commits, children before parents. */
  entries: ReleaseEntry[];
  warnings: ReleaseWarning[];
}

interface HistoryNode {
  hash: string;
  parents: string[];
  date: string;
  tag?: ReleaseTag;
  /** Usually one entry or none: a single array shared by all entry-less commits keeps memory down. */
  entries: readonly ReleaseEntry[];
  warnings: readonly ReleaseWarning[];
}

const NONE: readonly never[] = [];

export async function splitIntoReleases(
  commits: AsyncIterable<GitCommit> | Iterable<GitCommit>,
  config: ReleaseNotesConfig,
): Promise<HistoryRelease[]> {
  const reader = new EntryReader(config);
  const nodes: HistoryNode[] = [];
  const read: CommitEntries = { entries: [], warnings: [], skipped: 0 };
  for await (const commit of commits) {
    reader.read(commit, read);
    const { hash, parents, date } = commit;
    const entries = read.entries.length ? read.entries.splice(0) : NONE;
    const warnings = read.warnings.length ? read.warnings.splice(0) : NONE;
    nodes.push({ hash, parents, date, tag: ownTag(commit, config.tagPrefix), entries, warnings });
  }
  return assignToReleases(childrenFirst(nodes));
}

/** Walks children before parents, so a commit's owner is settled before its parents inherit it. */
function assignToReleases(nodes: HistoryNode[]): HistoryRelease[] {
  const unreleased: HistoryRelease = { entries: [], warnings: [] };
  const byTag = new Map<string, HistoryRelease>();
  const owner = new Map<string, HistoryRelease>();
  for (const node of nodes) {
    let release = owner.get(node.hash) ?? unreleased;
    if (node.tag) {
      release = byTag.get(node.tag.name) ?? newRelease(node.tag, node.date);
      byTag.set(node.tag.name, release);
    }
    owner.delete(node.hash);
    for (const entry of node.entries) release.entries.push(entry);
    for (const warning of node.warnings) release.warnings.push(warning);
    for (const parent of node.parents) {
      const other = owner.get(parent);
      if (!other || isOlder(release, other)) owner.set(parent, release);
    }
  }
  const tagged = [...byTag.values()].sort((a, b) => (b.rank as SemVer).compare(a.rank as SemVer));
  return unreleased.entries.length || unreleased.warnings.length ? [unreleased, ...tagged] : tagged;
}

function newRelease(tag: ReleaseTag, date: string): HistoryRelease {
  return { tag, rank: new SemVer(tag.version), date, entries: [], warnings: [] };
}

/**
 * Orders commits so every child comes before its parents, keeping git's order otherwise (git's
 * default date order can put a parent first when clocks were skewed; --topo-order would make git
 * read the whole graph before writing anything).
 */
function childrenFirst(nodes: HistoryNode[]): HistoryNode[] {
  const index = new Map(nodes.map((node, at) => [node.hash, at]));
  const waiting = new Int32Array(nodes.length);
  for (const node of nodes) {
    for (const parent of node.parents) {
      const at = index.get(parent);
      if (at !== undefined) waiting[at] = (waiting[at] ?? 0) + 1;
    }
  }
  const ready = new MinHeap();
  nodes.forEach((_, at) => {
    if (waiting[at] === 0) ready.push(at);
  });
  const ordered: HistoryNode[] = [];
  while (ready.size > 0) {
    const node = nodes[ready.pop()] as HistoryNode;
    ordered.push(node);
    for (const parent of node.parents) {
      const at = index.get(parent);
      if (at !== undefined && --waiting[at] === 0) ready.push(at);
    }
  }
  return ordered;
}

/** Smallest position first: git's own order wherever the graph allows it. */
class MinHeap {
  private readonly items: number[] = [];

  get size(): number {
    return this.items.length;
  }

  push(value: number): void {
    const items = this.items;
    items.push(value);
    for (let at = items.length - 1; at > 0; ) {
      const up = (at - 1) >> 1;
      if ((items[up] as number) <= value) break;
      items[at] = items[up] as number;
      items[up] = value;
      at = up;
    }
  }

  pop(): number {
    const items = this.items;
    const top = items[0] as number;
    const last = items.pop() as number;
    if (items.length === 0) return top;
    items[0] = last;
    for (let at = 0; ; ) {
      const left = at * 2 + 1;
      const right = left + 1;
      let smallest = at;
      if (left < items.length && (items[left] as number) < (items[smallest] as number))
        smallest = left;
      if (right < items.length && (items[right] as number) < (items[smallest] as number))
        smallest = right;
      if (smallest === at) break;
      [items[at], items[smallest]] = [items[smallest] as number, items[at] as number];
      at = smallest;
    }
    return top;
  }
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
