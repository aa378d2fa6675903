// Who made a release: commit authors and Co-authored-by trailers, bots left out, GitHub handles
// when the API supplied them, and first-time contributors marked.
import type { GitCommit } from "./commit.ts";

export interface Contributor {
  name: string;
  email: string;
  login?: string;
  commits: number;
  /** No commit by this person exists before the release's base. */
  firstTime: boolean;
}

export interface ContributorLookup {
  /** Lower-cased emails (and logins) of everyone with a commit before the release's base. */
  knownBefore: ReadonlySet<string>;
  /** Commit sha → GitHub login of its author, when the API is available. */
  logins?: ReadonlyMap<string, string>;
  bots?: readonly string[];
}

const CO_AUTHOR = /^Co-authored-by:\s*(.+?)\s*<([^>]+)>\s*$/gim;

export function contributorsOf(
  commits: Iterable<GitCommit>,
  lookup: ContributorLookup,
): Contributor[] {
  const bots = new Set((lookup.bots ?? []).map((bot) => bot.toLowerCase()));
  const byEmail = new Map<string, Contributor>();
  const add = (name: string, email: string, login?: string) => {
    if (isBot(name, email, bots)) return;
    const key = email.toLowerCase();
    const known = byEmail.get(key);
    if (known) {
      known.commits++;
      known.login ??= login;
      return;
    }
    byEmail.set(key, { name, email, login, commits: 1, firstTime: false });
  };
  for (const commit of commits) {
    // Whoever pressed "merge" wrote no change of their own in a merge commit.
    if (commit.parents.length > 1) continue;
    add(commit.authorName, commit.authorEmail, lookup.logins?.get(commit.hash));
    for (const match of commit.message.matchAll(CO_AUTHOR))
      add(match[1] as string, match[2] as string);
  }
  const contributors = [...byEmail.values()];
  for (const person of contributors) {
    const seen =
      lookup.knownBefore.has(person.email.toLowerCase()) ||
      (person.login !== undefined && lookup.knownBefore.has(person.login.toLowerCase()));
    person.firstTime = !seen;
  }
  return contributors.sort((a, b) => (a.login ?? a.name).localeCompare(b.login ?? b.name));
}

function isBot(name: string, email: string, bots: Set<string>): boolean {
  return (
    /\[bot\]$/i.test(name) ||
    /\[bot\]@/i.test(email) ||
    bots.has(name.toLowerCase()) ||
    bots.has(email.toLowerCase())
  );
}

export function renderContributors(contributors: Contributor[]): string {
  if (contributors.length === 0) return "";
  const lines = contributors.map((person) => {
    const who = person.login ? `@${person.login}` : person.name;
    return `* ${who}${person.firstTime ? " (first contribution)" : ""}`;
  });
  return `### Contributors\n\n${lines.join("\n")}\n`;
}
