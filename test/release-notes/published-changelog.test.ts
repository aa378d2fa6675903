// Regression corpus from a public repository: release-please's own CHANGELOG.md (written by the
// conventionalcommits preset). Each entry is turned back into the commit that produced it, the
// history is rebuilt with the same tags, and Upkeep must regenerate every section line for line.
// Commit shas differ (new commits), so commit links are compared by shape; dates are ignored.
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { runUpkeep } from "../support/run-cli.ts";
import { GitFixture } from "./git-fixture.ts";

const PUBLISHED = readFileSync(
  new URL("fixtures/release-please-CHANGELOG.md", import.meta.url),
  "utf8",
);
const TYPES: Record<string, string> = { Features: "feat", "Bug Fixes": "fix" };
const ENTRY =
  /^\* (?:\*\*([^*]+):\*\* )?(.*?) \(\[#(\d+)\]\([^)]*\)\) \(\[[0-9a-f]{7}\]\([^)]*\)\)((?:, closes(?: \[#\d+\]\([^)]*\))+)?)$/;

interface PublishedRelease {
  version: string;
  previous: string;
  commits: string[];
}

/** Each published entry back into the commit message that produced it. */
function publishedReleases(): PublishedRelease[] {
  const releases: PublishedRelease[] = [];
  let type = "";
  for (const line of PUBLISHED.split("\n")) {
    const heading = line.match(/^## \[(\S+)\]\(.*\/compare\/v(\S+)\.\.\.v\S+\)/);
    if (heading)
      releases.push({ version: heading[1] as string, previous: heading[2] as string, commits: [] });
    const section = line.match(/^### (.+)$/);
    if (section) type = TYPES[section[1] as string] ?? "";
    const entry = line.match(ENTRY);
    if (!entry || !type) continue;
    const [, scope, subject, pr, closes] = entry;
    const footer = [...(closes ?? "").matchAll(/#(\d+)/g)]
      .map((match) => `Closes #${match[1]}`)
      .join("\n");
    const header = `${type}${scope ? `(${scope})` : ""}: ${subject} (#${pr})`;
    releases.at(-1)?.commits.push(footer ? `${header}\n\n${footer}` : header);
  }
  return releases.reverse();
}

function normalised(section: string[] | undefined): string[] | undefined {
  return section?.map((line) =>
    line
      .replace(/ \(\d{4}-\d{2}-\d{2}\)$/, "")
      .replace(
        /\(\[[0-9a-f]{7}\]\(https:\/\/github\.com\/googleapis\/release-please\/commit\/[0-9a-f]{40}\)\)/g,
        "(COMMIT)",
      ),
  );
}

function sections(changelog: string): Map<string, string[]> {
  const result = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of changelog.split("\n")) {
    const heading = line.match(/^## \[?(\d+\.\d+\.\d+)/);
    if (heading) {
      current = [line];
      result.set(heading[1] as string, current);
    } else if (current && line.trim() && !line.startsWith("# ")) current.push(line);
  }
  return result;
}

let repo: GitFixture;
const releases = publishedReleases();

beforeAll(() => {
  repo = new GitFixture();
  repo.write(
    "package.json",
    JSON.stringify({ name: "release-please", repository: "googleapis/release-please" }),
  );
  repo.commit("chore: init");
  const tagged = new Set<string>();
  const tag = (version: string) => {
    if (tagged.has(version)) return;
    repo.commit(`chore(main): release ${version}`);
    repo.tag(`v${version}`);
    tagged.add(version);
  };
  for (const release of releases) {
    tag(release.previous);
    // Committed in reverse of the published order, so the ordering really is recomputed.
    for (const message of [...release.commits].reverse()) repo.commit(message);
    tag(release.version);
  }
}, 60_000);

describe("a published CHANGELOG regenerated from its history", () => {
  it("the corpus has the releases and entries it should", () => {
    expect(releases.map((release) => release.version)).toEqual([
      "15.8.0",
      "15.9.0",
      "15.10.4",
      "15.10.5",
      "15.11.0",
      "15.11.1",
      "15.11.2",
      "15.12.0",
      "15.13.0",
    ]);
    expect(releases.flatMap((release) => release.commits)).toHaveLength(16);
  });

  it("every section matches the published one line for line", async () => {
    const run = await runUpkeep(["release-notes", "--all"], { cwd: repo.dir });
    expect(run.exitCode, run.stderr).toBe(0);
    const ours = sections(run.stdout);
    const theirs = sections(PUBLISHED);
    for (const release of releases) {
      expect(normalised(ours.get(release.version)), release.version).toEqual(
        normalised(theirs.get(release.version)),
      );
    }
  }, 60_000);
});
