// GitHub handles for local commits: one API lookup per distinct author email, so a release with
// hundreds of commits by a few people costs a few requests.
import type { GitCommit } from "../core/release-notes/commit.ts";

export interface CommitLoginSource {
  commitAuthorLogin(sha: string): Promise<string | undefined>;
}

export async function loginsOf(
  source: CommitLoginSource,
  commits: Pick<GitCommit, "hash" | "authorEmail">[],
): Promise<Map<string, string>> {
  const byEmail = new Map<string, string | undefined>();
  const logins = new Map<string, string>();
  for (const commit of commits) {
    const email = commit.authorEmail.toLowerCase();
    if (!byEmail.has(email)) byEmail.set(email, await source.commitAuthorLogin(commit.hash));
    const login = byEmail.get(email);
    if (login) logins.set(commit.hash, login);
  }
  return logins;
}
