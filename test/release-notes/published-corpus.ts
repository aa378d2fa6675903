// The release-notes corpus (test/corpus/release-notes/<owner>+<repo>/): public repositories' histories
// replayed into real git repositories, Upkeep's CLI run on each, and every regenerated section
// compared with the section the project published. Shared by the quality test and the bench.
import { execFileSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runUpkeep } from "../support/run-cli.ts";

const CORPUS = new URL("../corpus/release-notes/", import.meta.url).pathname;
const AUTHOR = "Corpus Author <corpus@example.invalid>";

export interface CorpusSource {
  repository: string;
  commit: string;
  licence: string;
  tagPrefix: string;
  base: string;
  /** Published releases the corpus checks, oldest first. */
  releases: string[];
  /** The `releaseNotes` settings matching how the project configured its release tool. */
  config?: Record<string, unknown>;
  /** Why those settings: where the project's tool configuration shows them. */
  configReason?: string;
}

export interface CorpusCommit {
  sha: string;
  parents: string[];
  date: string;
  message: string;
  tags: string[];
}

export interface CorpusRepository {
  name: string;
  source: CorpusSource;
  history: CorpusCommit[];
  published: string;
  /** `pull-requests.json`: the `BEGIN_COMMIT_OVERRIDE` blocks of pull-request descriptions. */
  pullRequestsFile?: string;
}

export interface SectionComparison {
  version: string;
  identical: boolean;
  /** Normalised lines: the published section, then ours. */
  published: string[];
  ours: string[];
}

export function corpusRepositories(): CorpusRepository[] {
  return readdirSync(CORPUS, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const dir = join(CORPUS, name);
      return {
        name: name.replace("+", "/"),
        source: JSON.parse(readFileSync(join(dir, "source.json"), "utf8")) as CorpusSource,
        history: readFileSync(join(dir, "history.jsonl"), "utf8")
          .split("\n")
          .filter(Boolean)
          .map((line) => JSON.parse(line) as CorpusCommit),
        published: readFileSync(join(dir, "CHANGELOG.md"), "utf8"),
        pullRequestsFile: existsSync(join(dir, "pull-requests.json"))
          ? join(dir, "pull-requests.json")
          : undefined,
      };
    });
}

/** Rebuilds the history in a new repository (same messages, dates, graph and tags). */
export function replay(corpus: CorpusRepository): { dir: string; originalOf: Map<string, string> } {
  const dir = mkdtempSync(join(tmpdir(), "upkeep-corpus-"));
  const git = (args: string[], input?: string) =>
    execFileSync("git", args, { cwd: dir, input, encoding: "utf8", maxBuffer: 1 << 26 });
  git(["init", "-q", "-b", "main"]);
  const marks = new Map(corpus.history.map((commit, index) => [commit.sha, index + 1]));
  const stream: string[] = [];
  for (const [index, commit] of corpus.history.entries()) {
    const parents = commit.parents.filter((parent) => marks.has(parent));
    const when = gitDate(commit.date);
    const message = Buffer.from(`${commit.message}\n`);
    if (parents.length === 0) stream.push("reset refs/heads/main\n");
    stream.push(
      `commit refs/heads/main\nmark :${index + 1}\nauthor ${AUTHOR} ${when}\ncommitter ${AUTHOR} ${when}\n`,
      `data ${message.length}\n${message.toString()}\n`,
      ...parents.map((parent, at) => `${at === 0 ? "from" : "merge"} :${marks.get(parent)}\n`),
      "\n",
    );
    for (const tag of commit.tags) stream.push(`reset refs/tags/${tag}\nfrom :${index + 1}\n\n`);
  }
  // The last commit written is the branch tip, as in the source (topological order, oldest first).
  const tip = corpus.history.at(-1) as CorpusCommit;
  stream.push(`reset refs/heads/main\nfrom :${marks.get(tip.sha)}\n\n`);
  const marksFile = join(dir, ".git", "corpus-marks");
  git(["fast-import", "--quiet", `--export-marks=${marksFile}`], stream.join(""));
  git(["remote", "add", "origin", `${corpus.source.repository}.git`]);
  if (corpus.source.config) {
    mkdirSync(join(dir, ".github"));
    const config = { releaseNotes: corpus.source.config };
    writeFileSync(join(dir, ".github", "upkeep.yml"), JSON.stringify(config));
  }
  const originalOf = new Map<string, string>();
  for (const line of readFileSync(marksFile, "utf8").split("\n")) {
    const [mark, sha] = line.split(" ");
    const commit = corpus.history[Number(mark?.slice(1)) - 1];
    if (commit && sha) originalOf.set(sha, commit.sha);
  }
  writeFileSync(join(dir, ".git", "info", "exclude"), "");
  return { dir, originalOf };
}

/** ISO 8601 with offset → git's raw `<seconds> <+hhmm>`. */
function gitDate(iso: string): string {
  const zone = iso.match(/([+-])(\d\d):(\d\d)$/);
  const offset = zone ? `${zone[1]}${zone[2]}${zone[3]}` : "+0000";
  return `${Math.floor(Date.parse(iso) / 1000)} ${offset}`;
}

/** Runs `upkeep release-notes --all` on the replayed repository and compares each published section. */
export async function compareCorpus(corpus: CorpusRepository): Promise<SectionComparison[]> {
  const { dir, originalOf } = replay(corpus);
  const pulls = corpus.pullRequestsFile ? ["--pull-requests", corpus.pullRequestsFile] : [];
  const run = await runUpkeep(["release-notes", "--all", "--offline", ...pulls], { cwd: dir });
  if (run.exitCode !== 0) throw new Error(`${corpus.name}: exit ${run.exitCode}: ${run.stderr}`);
  const ours = sectionsOf(originalShas(run.stdout, originalOf));
  const theirs = sectionsOf(corpus.published);
  return corpus.source.releases.map((version) => {
    const published = theirs.get(version) ?? [];
    const mine = ours.get(version) ?? [];
    return {
      version,
      identical: published.join("\n") === mine.join("\n"),
      published,
      ours: mine,
    };
  });
}

/** Commit links name the replayed commits; put the source's shas back (full and short). */
function originalShas(text: string, originalOf: Map<string, string>): string {
  return text
    .replace(/\b[0-9a-f]{40}\b/g, (sha) => originalOf.get(sha) ?? sha)
    .replace(
      /\[([0-9a-f]{7})\]\(([^)\s]*\/commit\/)([0-9a-f]{40})\)/g,
      (_, _short, prefix: string, full: string) => `[${full.slice(0, 7)}](${prefix}${full})`,
    );
}

/** Sections keyed by version; blank lines dropped and the heading's date removed. */
export function sectionsOf(changelog: string): Map<string, string[]> {
  const sections = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of changelog.split("\n")) {
    const heading = line.match(/^##?#? \[?v?(\d+\.\d+\.\d+(?:-[\w.]+)?)\]?/);
    if (heading) {
      current = [line.replace(/ \(\d{4}-\d{2}-\d{2}\)\s*$/, "").trimEnd()];
      sections.set(heading[1] as string, current);
    } else if (/^# /.test(line)) current = undefined;
    else if (current && line.trim()) current.push(line.trimEnd());
  }
  return sections;
}
