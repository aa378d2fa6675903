// Reads one commit message as a Conventional Commit (https://www.conventionalcommits.org/), through
// conventional-commits-parser with the conventionalcommits preset's patterns, plus the spec details
// that parser leaves open: case-insensitive types, footers that end a breaking note, CRLF, and a
// missing space after the colon (accepted for known types, and reported).
import { type Commit, CommitParser } from "conventional-commits-parser";
import type { IssueRef } from "./commit.ts";

export interface ParsedChange {
  type: string;
  scope?: string;
  subject: string;
  header: string;
  breaking: string[];
  references: IssueRef[];
  pr?: number;
  releaseAs?: string;
  /** Security advisories the message names (CVE-…, GHSA-…). */
  advisories: string[];
  reverts?: { hash?: string; header?: string };
}

export interface MessageParse {
  /** Undefined when the message is not a conventional commit. */
  change?: ParsedChange;
  warnings: string[];
}

// Scopes are anything but parentheses, so `api/v2`, `a,b` and `` (empty) all parse.
const parser = new CommitParser({
  headerPattern: /^(\w*)(?:\(([^()\r\n]*)\))?!?: (.*)$/,
  breakingHeaderPattern: /^(\w*)(?:\(([^()\r\n]*)\))?!: (.*)$/,
  headerCorrespondence: ["type", "scope", "subject"],
  noteKeywords: ["BREAKING CHANGE", "BREAKING-CHANGE"],
  revertPattern: /^(?:Revert|revert:)\s"?([\s\S]+?)"?\s*This reverts commit (\w*)\./i,
  revertCorrespondence: ["header", "hash"],
  issuePrefixes: ["#"],
});

skipReferenceScanWithoutHash(parser);

/**
 * The parser looks for issue references in every line with a pattern that backtracks over the whole
 * line, which dominates the time on large histories. A reference needs the `#` prefix, so lines
 * without one are answered at once; every other line still goes to the parser's own pattern.
 */
function skipReferenceScanWithoutHash(target: CommitParser): void {
  const regexes = (target as unknown as { regexes?: { referenceParts?: unknown } }).regexes;
  const pattern = regexes?.referenceParts;
  if (!regexes || !(pattern instanceof RegExp)) return;
  regexes.referenceParts = {
    exec: (input: string) => (input.includes("#") ? pattern.exec(input) : null),
  };
}

const NO_SPACE_HEADER = /^(\w+)((?:\([^()\r\n]*\))?!?):(?=\S)/;
/** A git trailer / conventional footer token starts a new footer, ending the note before it. */
const FOOTER_TOKEN = /^(?:[A-Za-z][\w-]*|BREAKING[ -]CHANGE)(?::\s|\s#)/;
const RELEASE_AS = /^release-as:\s*\w*@?([0-9]+\.[0-9]+\.[0-9a-z]+(?:-[0-9a-z.]+)?)\s*$/im;
const GIT_REVERT = /^Revert "([\s\S]+?)"\s*(?:\n[\s\S]*?)?This reverts commit ([0-9a-f]{7,40})/i;
const REFS_FOOTER = /^Refs?:\s*((?:[0-9a-f]{7,40}[,\s]*)+)$/im;
const TRAILING_PR = /\s*\(#(\d+)\)\s*$/;

export function parseMessage(raw: string, knownTypes: ReadonlySet<string>): MessageParse {
  const warnings: string[] = [];
  let message = raw.replace(/\r\n?/g, "\n").trim();
  if (!message) return { warnings }; // git allows empty messages; the parser throws on them
  const lenient = message.match(NO_SPACE_HEADER);
  if (lenient && knownTypes.has((lenient[1] ?? "").toLowerCase())) {
    const prefix = `${lenient[1]}${lenient[2]}:`;
    warnings.push(
      `header "${firstLine(message)}" has no space after "${prefix}"; read as "${prefix} …"`,
    );
    message = `${prefix} ${message.slice(prefix.length)}`;
  }
  const gitRevert = message.match(GIT_REVERT);
  if (gitRevert) return { change: gitRevertChange(message, gitRevert), warnings };
  const commit = headerOnly(message) ?? parser.parse(message);
  if (!commit.type || commit.subject === null || commit.subject === undefined) return { warnings };
  return { change: conventionalChange(commit, message), warnings };
}

// Most commits are a bare header. Reading one needs only the header pattern, so large histories
// skip the full parser for them; anything the parser would treat specially (issue references other
// than a trailing `(#N)`, URLs, reverts) still goes through it. A test checks both paths agree.
const HEADER = /^(\w*)(?:\(([^()\r\n]*)\))?(!?): (.*)$/;
const SIMPLE_SUBJECT = /^[^#:/@]*(?:\(#(\d+)\))?$/;

type ParsedCommit = Pick<Commit, "header" | "notes" | "references"> & {
  type?: string | null;
  scope?: string | null;
  subject?: string | null;
};

/** The parser's own reading, bypassing the fast path (tests check both agree). */
export function fullParse(message: string): ParsedCommit {
  return parser.parse(message);
}

export function headerOnly(message: string): ParsedCommit | undefined {
  if (message.includes("\n")) return undefined;
  const header = message.match(HEADER);
  if (!header || /^revert$/i.test(header[1] ?? "")) return undefined;
  const subject = header[4] as string;
  const simple = subject.match(SIMPLE_SUBJECT);
  if (!simple) return undefined;
  return {
    header: message,
    type: header[1] || null,
    scope: header[2] || null,
    subject,
    notes: header[3] ? [{ title: "BREAKING CHANGE", text: subject }] : [],
    references: simple[1]
      ? [
          {
            raw: `#${simple[1]}`,
            action: null,
            owner: null,
            repository: null,
            issue: simple[1],
            prefix: "#",
          },
        ]
      : [],
  };
}

function conventionalChange(commit: ParsedCommit, message: string): ParsedChange {
  const type = String(commit.type).toLowerCase();
  const header = commit.header ?? firstLine(message);
  const subject = String(commit.subject).trim();
  const change: ParsedChange = {
    type,
    scope: commit.scope?.trim() || undefined,
    subject,
    header,
    breaking: commit.notes.map((note) => endAtFooterToken(note.text)).filter(Boolean),
    references: commit.references.map(toIssueRef),
    pr: prNumber(subject),
    releaseAs: message.match(RELEASE_AS)?.[1],
    advisories: advisoriesIn(message),
  };
  if (type === "revert") {
    const refs = message.match(REFS_FOOTER)?.[1]?.match(/[0-9a-f]{7,40}/);
    change.reverts = { hash: refs?.[0], header: subject.replace(TRAILING_PR, "") };
  }
  return change;
}

/** git's own `Revert "<header>"` form: listed under Reverts with the header as written. */
function gitRevertChange(message: string, match: RegExpMatchArray): ParsedChange {
  const header = firstLine(message);
  return {
    type: "revert",
    subject: header,
    header,
    breaking: [],
    references: parser.parse(message).references.map(toIssueRef),
    pr: prNumber(header),
    advisories: [],
    reverts: { hash: match[2], header: match[1] },
  };
}

function endAtFooterToken(text: string): string {
  const lines = text.split("\n");
  const end = lines.findIndex((line, index) => index > 0 && FOOTER_TOKEN.test(line));
  return (end === -1 ? lines : lines.slice(0, end)).join("\n").trim();
}

function toIssueRef(reference: Commit["references"][number]): IssueRef {
  return {
    number: Number(reference.issue),
    owner: reference.owner ?? undefined,
    repo: reference.repository ?? undefined,
    action: reference.action ?? undefined,
  };
}

const ADVISORY = /\b(?:CVE-\d{4}-\d{4,}|GHSA(?:-[23456789cfghjmpqrvwx]{4}){3})\b/gi;

export function advisoriesIn(message: string): string[] {
  // A cheap literal check first: the full pattern is slow to run over every commit of a big history.
  if (!/cve-|ghsa-/i.test(message)) return [];
  return [...new Set([...message.matchAll(ADVISORY)].map((match) => match[0].toUpperCase()))];
}

export function prNumber(subject: string): number | undefined {
  const match = subject.match(TRAILING_PR);
  return match ? Number(match[1]) : undefined;
}

export function firstLine(text: string): string {
  const end = text.indexOf("\n");
  return end === -1 ? text : text.slice(0, end);
}
