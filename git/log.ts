// Streams commits out of one `git log` process: a custom format with NUL between fields and `-z`
// between commits, parsed as it arrives, so a 100,000-commit history never sits in one string.
import { spawn } from "node:child_process";
import type { GitCommit } from "../core/release-notes/commit.ts";
import { exitOf, GitError } from "./process.ts";

// hash, parents, author name, author email, committer date, tag decorations, raw message
const FORMAT = "%H%x00%P%x00%an%x00%ae%x00%cI%x00%D%x00%B";
const FIELDS = 7;

export interface LogOptions {
  /** Revision arguments, e.g. ["v1.2.0..HEAD"] or ["HEAD"]. */
  revisions: string[];
  /** Report tags per commit (decorations), for splitting a whole history into releases. */
  withTags?: boolean;
}

export async function* readCommits(cwd: string, options: LogOptions): AsyncGenerator<GitCommit> {
  const args = ["log", "-z", `--format=${FORMAT}`, "--no-color"];
  args.push(options.withTags ? "--decorate-refs=refs/tags/" : "--no-decorate");
  args.push(...options.revisions, "--");
  const child = spawn("git", args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  const exited = exitOf(child);
  let fields: string[] = [];
  let partial = "";
  try {
    for await (const chunk of child.stdout.setEncoding("utf8") as AsyncIterable<string>) {
      const pieces = (partial + chunk).split("\0");
      partial = pieces.pop() ?? "";
      for (const piece of pieces) {
        fields.push(piece);
        if (fields.length === FIELDS) {
          yield toCommit(fields);
          fields = [];
        }
      }
    }
  } finally {
    if (child.exitCode === null) child.kill();
  }
  if (partial) fields.push(partial);
  if (fields.length === FIELDS) yield toCommit(fields);
  const code = await exited;
  if (code !== 0)
    throw new GitError(`git log ${options.revisions.join(" ")} failed in ${cwd}: ${stderr.trim()}`);
}

function toCommit(fields: string[]): GitCommit {
  const [hash, parents, authorName, authorEmail, date, decorations, message] = fields as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const commit: GitCommit = {
    hash,
    parents: parents ? parents.split(" ") : [],
    authorName,
    authorEmail,
    date,
    message,
  };
  if (decorations) commit.tags = tagsIn(decorations);
  return commit;
}

function tagsIn(decorations: string): string[] {
  return decorations
    .split(", ")
    .filter((ref) => ref.startsWith("tag: "))
    .map((ref) => ref.slice(5));
}
