// Tags as git knows them: all of them, or only those reachable from a ref — so a release tagged on
// another branch is never taken as the base of this one.
import { spawn } from "node:child_process";
import { exitOf, GitError, git, gitMaybe } from "./process.ts";

export interface GitTag {
  name: string;
  /** The commit the tag points at (annotated tags peeled). */
  hash: string;
}

export async function listTags(
  cwd: string,
  options: { mergedInto?: string } = {},
): Promise<GitTag[]> {
  if (!options.mergedInto) return allTags(cwd);
  const args = ["for-each-ref", "--format=%(refname:strip=2)%00%(objectname)%00%(*objectname)"];
  args.push(`--merged=${options.mergedInto}`, "refs/tags/");
  const out = await git(cwd, args);
  const tags: GitTag[] = [];
  for (const line of out.split("\n")) {
    if (!line) continue;
    const [name, object, peeled] = line.split("\0");
    if (name && object) tags.push({ name, hash: peeled || object });
  }
  return tags;
}

/** `show-ref -d` reads the refs alone (peeled entries come from packed-refs), the quickest listing. */
async function allTags(cwd: string): Promise<GitTag[]> {
  // Exit status 1 means "no tags", which is an empty list, not an error.
  const out = (await gitMaybe(cwd, ["show-ref", "--tags", "-d"])) ?? "";
  const byName = new Map<string, string>();
  for (const line of out.split("\n")) {
    const space = line.indexOf(" ");
    if (space === -1) continue;
    const ref = line.slice(space + 1).replace(/^refs\/tags\//, "");
    const hash = line.slice(0, space);
    // `name^{}` is the commit an annotated tag points at; it wins over the tag object's id.
    if (ref.endsWith("^{}")) byName.set(ref.slice(0, -3), hash);
    else if (!byName.has(ref)) byName.set(ref, hash);
  }
  return [...byName].map(([name, hash]) => ({ name, hash }));
}

/** Whether `ancestor` is reachable from `descendant` (one cheap walk, not the whole history). */
export async function isAncestor(
  cwd: string,
  ancestor: string,
  descendant: string,
): Promise<boolean> {
  const child = spawn("git", ["merge-base", "--is-ancestor", ancestor, descendant], {
    cwd,
    stdio: "ignore",
  });
  const code = await exitOf(child);
  if (code > 1)
    throw new GitError(`git merge-base --is-ancestor ${ancestor} ${descendant} failed in ${cwd}`);
  return code === 0;
}

/**
 * The first of `candidates` (sorted highest version first) reachable from `head`. Checking the
 * likely ones one by one is far cheaper than `--merged`, which walks the whole history; after a
 * few misses (many tags on other branches) one `--merged` pass answers the rest.
 */
export async function firstReachable<T extends GitTag>(
  cwd: string,
  candidates: T[],
  head: string,
  maxChecks = 8,
): Promise<T | undefined> {
  for (const [index, tag] of candidates.entries()) {
    if (index === maxChecks) {
      const merged = new Set(
        (await listTags(cwd, { mergedInto: head })).map((found) => found.name),
      );
      return candidates.slice(index).find((rest) => merged.has(rest.name));
    }
    if (tag.hash === head || (await isAncestor(cwd, tag.hash, head))) return tag;
  }
  return undefined;
}

/** When a tag was made: the tagger's date for an annotated tag, else its commit's date (YYYY-MM-DD). */
export async function tagDate(cwd: string, name: string): Promise<string | undefined> {
  const out = await gitMaybe(cwd, [
    "for-each-ref",
    "--format=%(creatordate:iso-strict)",
    `refs/tags/${name}`,
  ]);
  return out?.trim().slice(0, 10) || undefined;
}
