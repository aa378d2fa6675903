// Releases, unique per tag; publishing one creates its tag if it does not exist yet.
import { randomBytes } from "node:crypto";
import type { Account, Release, Repo } from "../model.ts";
import { HttpError, type SandboxState } from "../state.ts";
import { resolveCommit } from "./commits.ts";
import { invalid } from "./labels.ts";

export interface ReleaseInput {
  tag_name?: unknown;
  target_commitish?: unknown;
  name?: unknown;
  body?: unknown;
  draft?: unknown;
  prerelease?: unknown;
}

export function findRelease(repo: Repo, id: number): Release {
  const release = repo.releases.find((candidate) => candidate.id === id);
  if (!release)
    throw new HttpError(
      404,
      "Not Found",
      undefined,
      "https://docs.github.com/rest/releases/releases#get-a-release",
    );
  return release;
}

function ensureTag(repo: Repo, release: Release): void {
  if (release.draft || repo.tags.some((tag) => tag.name === release.tagName)) return;
  const target = resolveCommit(repo, release.targetCommitish);
  repo.tags.push({ name: release.tagName, sha: target?.sha ?? randomBytes(20).toString("hex") });
}

function optionalText(value: unknown): string | null | undefined {
  return typeof value === "string" ? value : value === null ? null : undefined;
}

export function createRelease(
  state: SandboxState,
  actor: Account,
  repo: Repo,
  input: ReleaseInput,
): Release {
  if (typeof input.tag_name !== "string" || input.tag_name === "")
    throw invalid("Release", "tag_name", "missing_field");
  if (repo.releases.some((release) => release.tagName === input.tag_name)) {
    throw invalid("Release", "tag_name", "already_exists");
  }
  const at = state.now();
  const draft = input.draft === true;
  const release: Release = {
    id: state.id(),
    tagName: input.tag_name,
    targetCommitish:
      typeof input.target_commitish === "string" ? input.target_commitish : repo.defaultBranch,
    name: optionalText(input.name) ?? null,
    body: optionalText(input.body) ?? null,
    draft,
    prerelease: input.prerelease === true,
    author: actor,
    createdAt: at,
    updatedAt: at,
    publishedAt: draft ? null : at,
  };
  repo.releases.push(release);
  ensureTag(repo, release);
  state.emit("release", "created", { repo, sender: actor, release });
  if (!draft) state.emit("release", "published", { repo, sender: actor, release });
  return release;
}

export function updateRelease(
  state: SandboxState,
  actor: Account,
  repo: Repo,
  release: Release,
  input: ReleaseInput,
): Release {
  if (typeof input.tag_name === "string" && input.tag_name !== release.tagName) {
    if (repo.releases.some((other) => other !== release && other.tagName === input.tag_name)) {
      throw invalid("Release", "tag_name", "already_exists");
    }
    release.tagName = input.tag_name;
  }
  if (typeof input.target_commitish === "string") release.targetCommitish = input.target_commitish;
  const name = optionalText(input.name);
  if (name !== undefined) release.name = name;
  const body = optionalText(input.body);
  if (body !== undefined) release.body = body;
  if (typeof input.prerelease === "boolean") release.prerelease = input.prerelease;
  const publishing = input.draft === false && release.draft;
  if (typeof input.draft === "boolean") release.draft = input.draft;
  if (publishing) release.publishedAt = state.now();
  release.updatedAt = state.now();
  ensureTag(repo, release);
  state.emit("release", "edited", { repo, sender: actor, release, fields: { changes: {} } });
  if (publishing) state.emit("release", "published", { repo, sender: actor, release });
  return release;
}

export function deleteRelease(
  state: SandboxState,
  actor: Account,
  repo: Repo,
  release: Release,
): void {
  repo.releases = repo.releases.filter((candidate) => candidate !== release);
  state.emit("release", "deleted", { repo, sender: actor, release });
}
