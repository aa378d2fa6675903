// Exports the data of one public repository for the release-notes corpus (test/corpus/release-notes/):
// the history behind its newest releases as JSONL (one commit a line: sha, parents, date, message,
// tags) and the published CHANGELOG.md sections of those releases, verbatim. Authors are left out:
// the changelog does not show them.
//
//   node scripts/export-release-history.ts GIT_DIR OWNER/REPO RELEASES LICENCE [TAG_PREFIX]
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import semver from "semver";

const [gitDir, slug, count = "25", licence = "unknown", prefix = "v"] = process.argv.slice(2);
if (!gitDir || !slug) throw new Error("usage: GIT_DIR OWNER/REPO RELEASES LICENCE [TAG_PREFIX]");

const git = (...args: string[]) =>
  execFileSync("git", ["--git-dir", gitDir, ...args], {
    encoding: "utf8",
    maxBuffer: 1 << 28,
  });

const head = git("rev-parse", "HEAD").trim();
const changelog = git("show", `${head}:CHANGELOG.md`);
const published = publishedSections(changelog);
const tags = git(
  "for-each-ref",
  "--format=%(refname:strip=2) %(*objectname) %(objectname)",
  "refs/tags/",
)
  .split("\n")
  .filter(Boolean)
  .map((line) => {
    const [name, peeled, object] = line.split(" ") as [string, string, string];
    return { name, hash: peeled || object, version: versionOf(name) };
  })
  .filter(
    (tag): tag is { name: string; hash: string; version: string } => tag.version !== undefined,
  )
  .sort((a, b) => semver.rcompare(a.version, b.version));
// Releases tagged and published, newest first, as far back as release-please's current format
// reaches (`## [x.y.z](https://github.com/<this repository>/compare/…)`): older sections were written
// by older tool versions (`### ` patch headings, www.github.com links) or under an earlier
// repository name, and are no oracle for today's output. The one after the last is the base.
const current = `## [`;
const currentLink = `](https://github.com/${slug}/compare/`;
const published_ = tags.filter((tag) => published.has(tag.version));
const format = published_.findIndex((tag) => {
  const heading = published.get(tag.version)?.split("\n")[0] ?? "";
  return !heading.startsWith(current) || !heading.includes(currentLink);
});
const modern = format === -1 ? published_ : published_.slice(0, format + 1);
const chosen = modern.slice(0, Number(count) + 1);
const base = chosen.pop();
if (!base || chosen.length === 0) throw new Error("no published, tagged releases found");
const newest = chosen[0] as { name: string };

const tagsAt = new Map<string, string[]>();
for (const tag of tags) tagsAt.set(tag.hash, [...(tagsAt.get(tag.hash) ?? []), tag.name]);

const shas = git("rev-list", "--topo-order", "--reverse", `${base.hash}..${newest.name}`)
  .split("\n")
  .filter(Boolean);
const inRange = new Set([base.hash, ...shas]);
const lines = [base.hash, ...shas].map((sha) => {
  const [parents = "", date = ""] = git("show", "-s", "--format=%P%x00%cI", sha).trim().split("\0");
  const message = git("show", "-s", "--format=%B", sha).replace(/\n$/, "");
  return JSON.stringify({
    sha,
    parents: parents.split(" ").filter((parent) => inRange.has(parent)),
    date,
    message,
    tags: (tagsAt.get(sha) ?? []).filter(
      (name) => chosen.some((tag) => tag.name === name) || name === base.name,
    ),
  });
});

const out = new URL(`../test/corpus/release-notes/${slug.replace("/", "+")}/`, import.meta.url)
  .pathname;
mkdirSync(out, { recursive: true });
writeFileSync(join(out, "history.jsonl"), `${lines.join("\n")}\n`);
writeFileSync(
  join(out, "CHANGELOG.md"),
  `${chosen.map((tag) => published.get(tag.version)?.trimEnd()).join("\n\n")}\n`,
);
writeFileSync(
  join(out, "source.json"),
  `${JSON.stringify(
    {
      repository: `https://github.com/${slug}`,
      commit: head,
      changelog: `https://github.com/${slug}/blob/${head}/CHANGELOG.md`,
      licence,
      tagPrefix: prefix,
      base: base.name,
      releases: chosen.map((tag) => tag.version).reverse(),
      commits: shas.length + 1,
    },
    null,
    2,
  )}\n`,
);
console.log(`${slug}: ${chosen.length} releases, ${shas.length + 1} commits → ${out}`);

function versionOf(name: string): string | undefined {
  if (!name.startsWith(prefix)) return undefined;
  const rest = name.slice(prefix.length);
  return semver.valid(rest) === rest ? rest : undefined;
}

/** Sections of a CHANGELOG keyed by version, from its `## [1.2.3](…)` or `### 1.2.3` heading. */
function publishedSections(text: string): Map<string, string> {
  const sections = new Map<string, string>();
  let version: string | undefined;
  let lines: string[] = [];
  const flush = () => {
    if (version && !sections.has(version)) sections.set(version, lines.join("\n"));
  };
  for (const line of text.split("\n")) {
    const heading = line.match(/^##?#? \[?v?(\d+\.\d+\.\d+(?:-[\w.]+)?)\]?/);
    if (heading) {
      flush();
      version = heading[1];
      lines = [line];
    } else if (/^#{1,3} \S/.test(line) && !/^### /.test(line)) {
      flush();
      version = undefined;
    } else if (version) lines.push(line);
  }
  flush();
  return sections;
}
