// Turns the commits of a release into entries: skips what never belongs in notes (merge commits,
// fixup!/squash!, release commits, configured bots) and splits GitHub's default squash body.
import type { GitCommit, ReleaseEntry, ReleaseWarning } from "./commit.ts";
import type { ReleaseNotesConfig } from "./config.ts";
import { firstLine, type ParsedChange, parseMessage } from "./message.ts";

export interface CommitEntries {
  entries: ReleaseEntry[];
  warnings: ReleaseWarning[];
  /** Commits that were read but contribute no entry (merges, bots, release commits, non-conventional). */
  skipped: number;
}

// release-please's `chore(main): release 1.2.3`, standard-version's `chore(release): 1.2.3`, …
const RELEASE_COMMIT =
  /^(?:chore(?:\([^)]*\))?!?:\s*release\b|chore\(release\):|release:?\s+v?\d+\.\d+)/i;
const AUTOSQUASH = /^(?:fixup|squash|amend)! /;
/** A bullet GitHub writes into a squash commit body for each commit of the pull request. */
const SQUASH_BULLET = /^\* (?=\S)/;
const SQUASH_END = /^-{3,}\s*$|^Co-authored-by:/i;

export function knownTypes(config: ReleaseNotesConfig): Set<string> {
  return new Set(config.sections.map((rule) => rule.type));
}

export function entriesOf(commits: Iterable<GitCommit>, config: ReleaseNotesConfig): CommitEntries {
  const reader = new EntryReader(config);
  const result: CommitEntries = { entries: [], warnings: [], skipped: 0 };
  for (const commit of commits) reader.read(commit, result);
  return result;
}

/** Reads commits one at a time, so a long history can be read while git is still writing it. */
export class EntryReader {
  private readonly types: Set<string>;
  private readonly bots: Set<string>;

  constructor(config: ReleaseNotesConfig) {
    this.types = knownTypes(config);
    this.bots = new Set(config.botAuthors.map((bot) => bot.toLowerCase()));
  }

  read(commit: GitCommit, into: CommitEntries): void {
    if (isSkipped(commit, this.bots)) {
      into.skipped++;
      return;
    }
    const changes = changesOf(commit, this.types, into.warnings);
    if (changes.length === 0) into.skipped++;
    for (const change of changes) into.entries.push(toEntry(commit, change));
  }
}

function isSkipped(commit: GitCommit, bots: Set<string>): boolean {
  if (commit.parents.length > 1) return true; // its branch's commits are listed themselves
  const header = firstLine(commit.message);
  if (AUTOSQUASH.test(header) || RELEASE_COMMIT.test(header)) return true;
  return bots.has(commit.authorName.toLowerCase()) || bots.has(commit.authorEmail.toLowerCase());
}

function changesOf(
  commit: GitCommit,
  types: Set<string>,
  warnings: ReleaseWarning[],
): ParsedChange[] {
  const parsed = parseMessage(commit.message, types);
  for (const message of parsed.warnings) warnings.push({ hash: commit.hash, message });
  const bullets = parsed.change?.pr ? squashBullets(commit.message, types) : [];
  if (bullets.length === 0) return parsed.change ? [parsed.change] : [];
  // Each bullet is one of the pull request's commits; they carry the pull request's link.
  return bullets.map((bullet) => ({ ...bullet, pr: bullet.pr ?? parsed.change?.pr }));
}

/** The conventional commits listed as `* type: …` bullets in a GitHub squash-merge body. */
function squashBullets(message: string, types: Set<string>): ParsedChange[] {
  const lines = message.replace(/\r\n?/g, "\n").split("\n").slice(1);
  const chunks: string[][] = [];
  for (const line of lines) {
    if (SQUASH_END.test(line)) break;
    if (SQUASH_BULLET.test(line)) chunks.push([line.slice(2)]);
    else chunks.at(-1)?.push(line);
  }
  return chunks
    .map((chunk) => parseMessage(chunk.join("\n"), types).change)
    .filter((change): change is ParsedChange => change !== undefined && types.has(change.type));
}

function toEntry(commit: GitCommit, change: ParsedChange): ReleaseEntry {
  return {
    hash: commit.hash,
    type: change.type,
    scope: change.scope,
    subject: change.subject,
    breaking: change.breaking,
    pr: change.pr,
    references: change.references,
    author: { name: commit.authorName, email: commit.authorEmail },
    reverts: change.reverts,
    header: change.header,
    releaseAs: change.releaseAs,
    advisories: change.advisories,
  };
}
