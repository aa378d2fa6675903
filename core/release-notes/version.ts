// Release tags and the next version: feat → minor, fix/perf → patch, breaking → major (minor below
// 1.0.0 unless configured), prerelease channels continue (`rc.1` → `rc.2`), `Release-As:` wins.
import semver, { SemVer } from "semver";
import type { ReleaseEntry } from "./commit.ts";
import type { ReleaseNotesConfig } from "./config.ts";

export type Bump = "major" | "minor" | "patch" | "none";

export interface ReleaseTag {
  name: string;
  version: string;
  /** The commit the tag points at (peeled for annotated tags). */
  hash: string;
}

/** The version in `tag` when it is `prefix` + a semantic version, e.g. `pkg-v` + `1.2.3`. */
export function versionOfTag(tag: string, prefix: string): string | undefined {
  if (!tag.startsWith(prefix)) return undefined;
  const rest = tag.slice(prefix.length);
  // A bare prefix must not claim `pkg-v1.2.3`, and `v` must not claim `vendor-1.0.0`.
  return semver.valid(rest) === rest ? rest : undefined;
}

export function releaseTags(tags: { name: string; hash: string }[], prefix: string): ReleaseTag[] {
  const found: { tag: ReleaseTag; parsed: SemVer }[] = [];
  for (const tag of tags) {
    const version = versionOfTag(tag.name, prefix);
    if (version) found.push({ tag: { ...tag, version }, parsed: new SemVer(version) });
  }
  // Parsed once: a repository with thousands of tags sorts them on every run.
  return found.sort((a, b) => b.parsed.compare(a.parsed)).map((entry) => entry.tag);
}

export function tagName(version: string, prefix: string): string {
  return `${prefix}${version}`;
}

const RANK: Record<Bump, number> = { none: 0, patch: 1, minor: 2, major: 3 };

export function bumpOf(entries: ReleaseEntry[], config: ReleaseNotesConfig): Bump {
  const listed = new Set(config.sections.filter((rule) => !rule.hidden).map((rule) => rule.type));
  let bump: Bump = "none";
  for (const entry of entries) {
    const level = entryBump(entry, listed);
    if (RANK[level] > RANK[bump]) bump = level;
  }
  return bump;
}

/** Only what readers see moves the version: listed types and breaking changes. */
function entryBump(entry: ReleaseEntry, listed: Set<string>): Bump {
  if (entry.breaking.length > 0) return "major";
  if (entry.type === "feat" || entry.type === "feature") return "minor";
  return listed.has(entry.type) ? "patch" : "none";
}

export interface NextVersionOptions {
  preMajorBreakingBumps: "minor" | "major";
  initialVersion: string;
  /** Prerelease channel such as `rc` or `beta`; undefined for a stable release. */
  channel?: string;
  releaseAs?: string;
}

export function nextVersion(
  current: string | undefined,
  bump: Bump,
  options: NextVersionOptions,
): string | undefined {
  if (options.releaseAs) return semver.valid(options.releaseAs) ?? undefined;
  if (bump === "none") return undefined;
  if (!current)
    return options.channel
      ? `${options.initialVersion}-${options.channel}.1`
      : options.initialVersion;
  const level =
    bump === "major" && semver.major(current) === 0 ? options.preMajorBreakingBumps : bump;
  if (!options.channel) return semver.inc(current, level) ?? undefined;
  return nextPrerelease(current, level, options.channel);
}

/** Stays on the channel's next number while the prerelease's version already covers the bump. */
function nextPrerelease(
  current: string,
  level: "major" | "minor" | "patch",
  channel: string,
): string | undefined {
  const pre = semver.prerelease(current);
  const sameChannel = pre !== null && String(pre[0]) === channel;
  if (sameChannel && covers(current, level))
    return semver.inc(current, "prerelease", channel, "1") ?? undefined;
  const base = pre === null ? current : semver.inc(current, "patch");
  if (pre !== null && base && covers(current, level)) return `${base}-${channel}.1`;
  return semver.inc(current, `pre${level}`, channel, "1") ?? undefined;
}

/** Whether moving from the last stable version to `prerelease`'s version is already a `level` bump. */
function covers(prerelease: string, level: "major" | "minor" | "patch"): boolean {
  const parsed = semver.parse(prerelease);
  if (!parsed) return false;
  if (level === "major") return parsed.minor === 0 && parsed.patch === 0;
  if (level === "minor") return parsed.patch === 0;
  return true;
}

export function releaseAsOf(entries: ReleaseEntry[]): string | undefined {
  // Newest first: the latest Release-As footer wins.
  return entries.find((entry) => entry.releaseAs)?.releaseAs;
}
