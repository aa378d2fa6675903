// Tags as git knows them: all of them, or only those reachable from a ref — so a release tagged on
// another branch is never taken as the base of this one.
import { git } from "./process.ts";

export interface GitTag {
  name: string;
  /** The commit the tag points at (annotated tags peeled). */
  hash: string;
}

export async function listTags(
  cwd: string,
  options: { mergedInto?: string } = {},
): Promise<GitTag[]> {
  const args = ["for-each-ref", "--format=%(refname:strip=2)%00%(objectname)%00%(*objectname)"];
  if (options.mergedInto) args.push(`--merged=${options.mergedInto}`);
  args.push("refs/tags/");
  const out = await git(cwd, args);
  const tags: GitTag[] = [];
  for (const line of out.split("\n")) {
    if (!line) continue;
    const [name, object, peeled] = line.split("\0");
    if (name && object) tags.push({ name, hash: peeled || object });
  }
  return tags;
}
