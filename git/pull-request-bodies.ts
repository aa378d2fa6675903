// Descriptions of the pull requests commits came through, for release-please's
// `BEGIN_COMMIT_OVERRIDE` blocks: from a JSON file (offline, reproducible) or the GitHub API.
// A commit names its pull request the way GitHub's squash merge writes it: `subject (#123)`.
import { readFile, stat } from "node:fs/promises";
import { z } from "zod";
import type { GitCommit } from "../core/release-notes/commit.ts";
import { firstLine, prNumber } from "../core/release-notes/message.ts";

/** Pull request number → its description, or undefined when unknown. */
export type PullRequestBodies = (number: number) => Promise<string | undefined>;

const MAX_FILE_BYTES = 20 * 1024 * 1024;
const pullRequestsFile = z.array(
  z.object({ number: z.number().int().positive(), body: z.string().max(65_536) }),
);

export interface PullRequestSource {
  getIssue(number: number): Promise<{ body: string; isPullRequest: boolean }>;
}

/** Descriptions from the API (GitHub's issues endpoint serves pull requests too); after a failure other than "not found" the rest go without, with one warning. */
export function bodiesFromGitHub(
  source: PullRequestSource,
  warn: (message: string) => void,
): PullRequestBodies {
  let failed = false;
  return async (number) => {
    if (failed) return undefined;
    try {
      const pull = await source.getIssue(number);
      return pull.isPullRequest ? pull.body : undefined;
    } catch (error) {
      const status = (error as { status?: number }).status;
      if (status === 404 || status === 410) return undefined;
      failed = true;
      warn(
        `pull request descriptions unavailable (${(error as Error).message}); commit messages used as written`,
      );
      return undefined;
    }
  };
}

export class PullRequestsFileError extends Error {
  override name = "PullRequestsFileError";
}

/** `[{ "number": 123, "body": "…" }, …]`; a wrong shape is an error naming the file and entry. */
export async function bodiesFromFile(path: string, shown: string): Promise<PullRequestBodies> {
  let parsed: unknown;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new Error("not a regular file");
    if (info.size > MAX_FILE_BYTES) throw new Error(`larger than ${MAX_FILE_BYTES} bytes`);
    parsed = JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    throw new PullRequestsFileError(`--pull-requests ${shown}: ${(error as Error).message}`);
  }
  const result = pullRequestsFile.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? ` at [${issue.path.join("].")}` : "";
    throw new PullRequestsFileError(
      `--pull-requests ${shown}${where}: ${issue?.message}; expected [{ "number": 123, "body": "…" }]`,
    );
  }
  const byNumber = new Map(result.data.map((pull) => [pull.number, pull.body]));
  return async (number) => byNumber.get(number);
}

/** The first source that knows a pull request answers; each number is asked once. */
export function firstOf(...sources: (PullRequestBodies | undefined)[]): PullRequestBodies {
  const known = new Map<number, Promise<string | undefined>>();
  return (number) => {
    let answer = known.get(number);
    if (!answer) {
      answer = (async () => {
        for (const source of sources) {
          const body = source ? await source(number) : undefined;
          if (body !== undefined) return body;
        }
        return undefined;
      })();
      known.set(number, answer);
    }
    return answer;
  };
}

export async function attachBody(commit: GitCommit, bodies: PullRequestBodies): Promise<void> {
  const pr = prNumber(firstLine(commit.message));
  if (pr === undefined || commit.parents.length > 1) return;
  const body = await bodies(pr);
  if (body !== undefined) commit.pullRequestBody = body;
}

export async function* withBodies(
  commits: AsyncIterable<GitCommit>,
  bodies: PullRequestBodies | undefined,
): AsyncGenerator<GitCommit> {
  for await (const commit of commits) {
    if (bodies) await attachBody(commit, bodies);
    yield commit;
  }
}
