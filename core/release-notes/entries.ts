// Turns the commits of a release into entries: skips what never belongs in notes (merge commits,
// fixup!/squash!, release commits, configured bots) and reads each message in the configured style.
import type { GitCommit, ReleaseEntry, ReleaseWarning } from "./commit.ts";
import type { ReleaseNotesConfig } from "./config.ts";
import { firstLine, type ParsedChange, parseMessage } from "./message.ts";
import { commitOverride, readReleasePleaseMessage } from "./release-please-message.ts";

export interface CommitEntries {
  entries: ReleaseEntry[];
  warnings: ReleaseWarning[];
  /** Commits that were read but contribute no entry (merges, bots, release commits, non-conventional). */
  skipped: number;
}

// The commit a release tool writes for the release itself: release-please's `chore(main): release
// 1.2.3` (`release pkg 1.2.3`, `release main` for several packages), standard-version's
// `chore(release): 1.2.3`, a bare `release: v1.2.3`. `chore(release): use npm@11` is a change.
const RELEASE_COMMIT =
  /^(?:chore(?:\([^)]*\))?!?:\s*release(?:\s+[\w@/.-]+)?\s+v?\d+\.\d+|chore(?:\([^)]*\))?!?:\s*release\s+main$|chore\(release\):\s*v?\d+\.\d+|release:?\s+v?\d+\.\d+)/i;
const AUTOSQUASH = /^(?:fixup|squash|amend)! /;
const NO_SPACE_HEADER = /^(\w+)((?:\([^()\r\n]*\))?!?):(?=\S)/;

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
  private readonly style: ReleaseNotesConfig["style"];
  private readonly sentenceCase: boolean;

  constructor(config: ReleaseNotesConfig) {
    this.types = knownTypes(config);
    this.bots = new Set(config.botAuthors.map((bot) => bot.toLowerCase()));
    this.style = config.style;
    this.sentenceCase = config.sentenceCase;
  }

  read(commit: GitCommit, into: CommitEntries): void {
    if (isSkipped(commit, this.bots)) {
      into.skipped++;
      return;
    }
    const changes =
      this.style === "release-please"
        ? this.releasePleaseChanges(commit, into.warnings)
        : changesOf(commit, this.types, into.warnings);
    if (changes.length === 0) into.skipped++;
    for (const change of changes) {
      const entry = toEntry(commit, change);
      if (this.sentenceCase) entry.subject = sentenceCased(entry.subject);
      into.entries.push(entry);
    }
  }

  private releasePleaseChanges(commit: GitCommit, warnings: ReleaseWarning[]): ParsedChange[] {
    const header = firstLine(commit.message);
    const cramped = header.match(NO_SPACE_HEADER);
    if (cramped && this.types.has((cramped[1] ?? "").toLowerCase()))
      warnings.push({
        hash: commit.hash,
        message: `header "${header}" has no space after "${cramped[1]}${cramped[2]}:"`,
      });
    const message = commitOverride(commit.pullRequestBody) ?? commit.message;
    return readReleasePleaseMessage(message).filter((change) => this.counts(change));
  }

  /** Footers such as `Co-authored-by:` read as commits of unknown types; they can never show. */
  private counts(change: ParsedChange): boolean {
    return (
      this.types.has(change.type) || change.breaking.length > 0 || change.releaseAs !== undefined
    );
  }
}

function isSkipped(commit: GitCommit, bots: Set<string>): boolean {
  if (commit.parents.length > 1) return true; // its branch's commits are listed themselves
  const header = firstLine(commit.message);
  if (AUTOSQUASH.test(header)) return true;
  // A person's `chore: release 5.0.0` with a `Release-As:` footer asks for a version; it is listed.
  if (RELEASE_COMMIT.test(header) && !/^release-as:/im.test(commit.message)) return true;
  return bots.has(commit.authorName.toLowerCase()) || bots.has(commit.authorEmail.toLowerCase());
}

function changesOf(
  commit: GitCommit,
  types: Set<string>,
  warnings: ReleaseWarning[],
): ParsedChange[] {
  const parsed = parseMessage(commit.message, types);
  for (const message of parsed.warnings) warnings.push({ hash: commit.hash, message });
  return parsed.change ? [parsed.change] : [];
}

const KEPT_AS_WRITTEN = new Set(["gRPC", "npm"]);

/** release-please's sentence-case plugin: a lower-case first letter becomes upper case. */
function sentenceCased(subject: string): string {
  if (KEPT_AS_WRITTEN.has(subject) || !/^[a-z]/.test(subject)) return subject;
  return `${subject.charAt(0).toUpperCase()}${subject.slice(1)}`;
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
