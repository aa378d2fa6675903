// Writes a planned release to GitHub: one release per tag. An existing draft is updated (and
// published when asked), a published release gets its notes refreshed but is never turned back
// into a draft, and nothing is ever created twice.
import semver from "semver";
import type { ReleasePlan } from "../../core/release-notes/release.ts";
import type { GitHubPort, ReleaseInfo } from "../../github/port.ts";

export type ReleaseMode = "draft" | "publish" | "none";

export interface PublishResult {
  release: ReleaseInfo;
  action: "created" | "updated";
}

export async function publishRelease(
  port: GitHubPort,
  plan: ReleasePlan & { head: string },
  mode: "draft" | "publish",
): Promise<PublishResult> {
  const tag = plan.tag as string;
  const spec = {
    tag,
    name: tag,
    body: plan.releaseBody,
    prerelease: semver.prerelease(plan.version as string) !== null,
  };
  let existing = await port.findReleaseByTag(tag);
  if (!existing) {
    try {
      const release = await port.createRelease({
        ...spec,
        draft: mode === "draft",
        target: plan.head,
      });
      return { release, action: "created" };
    } catch (error) {
      // 422: a concurrent run published this tag's release first; update that one instead.
      if ((error as { status?: number }).status !== 422) throw error;
      existing = await port.findReleaseByTag(tag);
      if (!existing) throw error;
    }
  }
  const draft = existing.draft && mode === "draft";
  const release = await port.updateRelease(existing.id, { ...spec, draft });
  return { release, action: "updated" };
}
