// Builds real git repositories for tests: commits with chosen messages, authors and dates, tags,
// branches and merges, exactly as git would record them.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

export interface Person {
  name: string;
  email: string;
}

export const ALICE: Person = { name: "Alice Maintainer", email: "alice@example.com" };
export const BOB: Person = { name: "Bob Newcomer", email: "bob@example.com" };
export const RENOVATE: Person = {
  name: "renovate[bot]",
  email: "29139614+renovate[bot]@users.noreply.github.com",
};

export class GitFixture {
  readonly dir: string;
  private tick = 0;

  constructor() {
    this.dir = mkdtempSync(join(tmpdir(), "upkeep-release-"));
    this.git("init", "-q", "-b", "main");
    this.git("config", "commit.gpgsign", "false");
    this.git("config", "tag.gpgsign", "false");
  }

  git(...args: string[]): string {
    return execFileSync("git", args, { cwd: this.dir, env: this.env(ALICE), encoding: "utf8" });
  }

  /** Commits `message` (as written, CRLF and all) touching one file; returns the full sha. */
  commit(message: string, author: Person = ALICE): string {
    this.write(`changes/${this.tick}.txt`, message);
    execFileSync("git", ["add", "-A"], { cwd: this.dir });
    execFileSync("git", ["commit", "-q", "--cleanup=verbatim", "-F", "-"], {
      cwd: this.dir,
      input: message,
      env: this.env(author),
    });
    return this.head();
  }

  write(path: string, text: string): void {
    const file = join(this.dir, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }

  tag(name: string, annotated = false): void {
    if (annotated) this.git("tag", "-a", name, "-m", `release ${name}`);
    else this.git("tag", name);
  }

  head(): string {
    return this.git("rev-parse", "HEAD").trim();
  }

  /** Merges `branch` into the current branch with GitHub's merge-commit message. */
  mergePullRequest(branch: string, pr: number, title: string): string {
    execFileSync(
      "git",
      [
        "merge",
        "-q",
        "--no-ff",
        branch,
        "-m",
        `Merge pull request #${pr} from octo-org/${branch}\n\n${title}`,
      ],
      {
        cwd: this.dir,
        env: this.env(ALICE),
      },
    );
    return this.head();
  }

  private env(person: Person): NodeJS.ProcessEnv {
    // Distinct, increasing dates keep `git log` order deterministic.
    const date = new Date(Date.UTC(2025, 0, 1) + this.tick++ * 60_000).toISOString();
    return {
      ...process.env,
      GIT_AUTHOR_NAME: person.name,
      GIT_AUTHOR_EMAIL: person.email,
      GIT_COMMITTER_NAME: person.name,
      GIT_COMMITTER_EMAIL: person.email,
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_DATE: date,
      GIT_CONFIG_NOSYSTEM: "1",
      HOME: this.dir,
    };
  }
}
