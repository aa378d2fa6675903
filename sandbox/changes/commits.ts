// Commits on a repository's default branch, so endpoints that link commits to GitHub users
// (release notes credit authors by login) have something real to answer with.
import { createHash } from "node:crypto";
import type { CommitRecord, Repo } from "../model.ts";
import type { SandboxState } from "../state.ts";

export interface CommitInput {
  message: string;
  /** Login of the GitHub user the commit is linked to; omit for an unlinked email. */
  author?: string;
  authorName?: string;
  authorEmail?: string;
  sha?: string;
  date?: string;
}

export function addCommit(state: SandboxState, repo: Repo, input: CommitInput): CommitRecord {
  const parent = repo.commits.at(-1);
  const date = input.date ?? state.now();
  const sha =
    input.sha ??
    createHash("sha1")
      .update(
        `${repo.fullName}\n${parent?.sha ?? ""}\n${input.message}\n${date}\n${repo.commits.length}`,
      )
      .digest("hex");
  if (!/^[0-9a-f]{40}$/.test(sha))
    throw new Error(`addCommit: sha must be 40 hex digits, got "${sha}"`);
  const author = input.author ? state.account(input.author) : null;
  const commit: CommitRecord = {
    sha,
    message: input.message,
    author,
    authorName: input.authorName ?? author?.login ?? "A Contributor",
    authorEmail:
      input.authorEmail ??
      (author
        ? `${author.id}+${author.login}@users.noreply.github.com`
        : "contributor@example.com"),
    date,
    parents: parent ? [parent.sha] : [],
  };
  repo.commits.push(commit);
  return commit;
}

/** A full SHA, a unique prefix of at least 7, the default branch name, or a tag. */
export function resolveCommit(repo: Repo, ref: string): CommitRecord | undefined {
  const name = ref.replace(/^refs\/(heads|tags)\//, "");
  if (name === repo.defaultBranch || name === "HEAD") return repo.commits.at(-1);
  const tag = repo.tags.find((candidate) => candidate.name === name);
  const sha = tag?.sha ?? name;
  if (sha.length < 7) return undefined;
  const matches = repo.commits.filter((commit) => commit.sha.startsWith(sha));
  return matches.length === 1 ? matches[0] : undefined;
}
