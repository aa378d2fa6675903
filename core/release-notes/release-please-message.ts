// Reads a commit message the way release-please does, so a project moving from it keeps its notes:
// the subject stays (with its `(#123)`), conventional paragraphs and footers in the body become
// extra entries, references come only from footers (`Fixes #12`), and a message the grammar
// rejects (`Revert "…"`, `Merge …`) yields nothing.
import type { IssueRef } from "./commit.ts";
import { type Footer, type MessageTree, parseTree } from "./footer-grammar.ts";
import { advisoriesIn, type ParsedChange, prNumber } from "./message.ts";

/** A paragraph starting with one of these types is read as a commit of its own. */
const PARAGRAPH_COMMIT =
  /\n\n(?=(?:feat|fix|docs|style|refactor|perf|test|build|ci|chore|revert)(?:\(.*?\))?: )/;

export function readReleasePleaseMessage(raw: string): ParsedChange[] {
  const changes: ParsedChange[] = [];
  const message = raw.includes("\r") ? raw.replace(/\r\n?/g, "\n") : raw;
  for (const part of splitMessage(message)) changes.push(...changesOf(part));
  const advisories = advisoriesIn(raw);
  for (const change of changes) change.advisories = advisories;
  return changes;
}

/**
 * The message a pull request's description puts in place of its squash commit's, between
 * `BEGIN_COMMIT_OVERRIDE` and `END_COMMIT_OVERRIDE` (how release-please lets maintainers fix notes).
 */
export function commitOverride(pullRequestBody: string | undefined): string | undefined {
  if (!pullRequestBody?.includes("BEGIN_COMMIT_OVERRIDE")) return undefined;
  const after = pullRequestBody.split("BEGIN_COMMIT_OVERRIDE")[1] ?? "";
  return after.split("END_COMMIT_OVERRIDE")[0]?.trim() || undefined;
}

/** `BEGIN_NESTED_COMMIT … END_NESTED_COMMIT` blocks, then the rest split at conventional paragraphs. */
function splitMessage(message: string): string[] {
  const [outside = "", ...blocks] = message.split("BEGIN_NESTED_COMMIT");
  let rest = outside;
  const nested: string[] = [];
  for (const block of blocks) {
    const [inner = "", ...after] = block.split("END_NESTED_COMMIT");
    nested.push(inner);
    rest += after.join("END_NESTED_COMMIT");
  }
  return [...rest.split(PARAGRAPH_COMMIT), ...nested].filter((part) => part.trim() !== "");
}

/** Footers that read as commits first, then the message's own header, as release-please lists them. */
function changesOf(message: string): ParsedChange[] {
  const tree = parseTree(message);
  if (!tree) return [];
  const changes: ParsedChange[] = [];
  for (const footer of tree.footers)
    if (!footer.isBreakingToken) changes.push(...changesOf(footerAsMessage(footer)));
  changes.push(headerChange(tree));
  return changes;
}

function footerAsMessage(footer: Footer): string {
  const head = `${footer.token}${footer.scope ? `(${footer.scope})` : ""}${footer.bang ? "!" : ""}`;
  const separator = footer.separator === ":" ? ": " : "";
  const continued = footer.lines
    .slice(1)
    .map((line, index) => `${"\n".repeat((footer.gaps[index] ?? 0) + 1)}${line}`)
    .join("");
  return `${head}${separator}${footer.lines[0]}${continued}`;
}

function headerChange(tree: MessageTree): ParsedChange {
  const { type, scope, bang, subject } = tree.summary;
  const note = breakingNote(tree);
  const releaseAs = tree.footers.find((footer) => footer.token.toLowerCase() === "release-as");
  return {
    type: type.toLowerCase(),
    scope: scope?.trim() || undefined,
    subject,
    header: `${type}${scope ? `(${scope})` : ""}${bang ? "!" : ""}: ${subject}`,
    breaking: note ? [note] : [],
    references: tree.footers.flatMap(referenceOf),
    pr: prNumber(subject),
    releaseAs: releaseAs ? releaseAs.lines.at(-1)?.trim() : undefined,
    advisories: [],
  };
}

/** One note per message; a later marker (body, then footer) replaces an earlier one. */
function breakingNote(tree: MessageTree): string | undefined {
  let text = tree.summary.bang ? tree.summary.subject : "";
  const marker = tree.body.findIndex((line) => /^BREAKING[ -]CHANGE:/.test(line));
  if (marker !== -1) {
    const first = (tree.body[marker] as string).replace(/^BREAKING[ -]CHANGE:\s*/, "");
    text = [first, ...tree.body.slice(marker + 1)].join("\n");
  }
  const footer = tree.footers.findLast((each) => each.isBreakingToken);
  if (footer) text = footer.lines.at(-1) ?? "";
  return text ? reflow(text) : undefined;
}

/**
 * A note is one paragraph joined into one line, except that a `#### ` heading or a `* `/`- ` list
 * after its first line starts an indented block kept line by line.
 */
function reflow(note: string): string {
  let text = "";
  let block = false;
  for (const [index, line] of note.split("\n").entries()) {
    if (index > 0 && /^#### |^[*-] /.test(line) && !block) {
      text = `${text.trim()}\n`;
      block = true;
    }
    if (line === "") break;
    text += block ? `    ${line}\n` : `${line} `;
  }
  return text.trim();
}

/** `Fixes #12` or `Refs: #12`: the only references release-please reads. */
function referenceOf(footer: Footer): IssueRef[] {
  const last = footer.lines.at(-1) ?? "";
  const hashed = footer.separator === " #" || last.startsWith("#");
  const issue = footer.separator === " #" || !last.startsWith("#") ? last : last.slice(1);
  if (!hashed || !/^[0-9]+$/.test(issue)) return [];
  return [{ number: Number(issue), action: footer.isBreakingToken ? undefined : footer.token }];
}
