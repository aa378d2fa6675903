// The release-notes action: plans the next release from the checkout's history, writes the notes
// (Markdown and JSON context) and CHANGELOG.md, and creates or updates the GitHub release.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import * as core from "@actions/core";
import { prependSection } from "../../core/release-notes/changelog-file.ts";
import type { ReleaseNotesConfig } from "../../core/release-notes/config.ts";
import { releaseContext } from "../../core/release-notes/release.ts";
import { readLocalFile } from "../../fs/local-file.ts";
import { loginsOf } from "../../git/commit-logins.ts";
import { GitError } from "../../git/process.ts";
import { bodiesFromGitHub } from "../../git/pull-request-bodies.ts";
import {
  type LocalReleasePlan,
  planLocalRelease,
  ReleaseInputError,
} from "../../git/release-source.ts";
import { isShallow } from "../../git/repository.ts";
import { loadActionConfig } from "../config.ts";
import { actionGitHub } from "../github-port.ts";
import { publishRelease, type ReleaseMode } from "./publish.ts";

const MODES: ReleaseMode[] = ["draft", "publish", "none"];

async function main(): Promise<void> {
  const mode = core.getInput("mode") || "draft";
  if (!MODES.includes(mode as ReleaseMode))
    return core.setFailed(`input mode must be draft, publish or none, not "${mode}"`);
  const token = core.getInput("token");
  const port = token ? actionGitHub(token) : undefined;
  const config = await loadActionConfig(port, core.getInput("config") || undefined);
  if (!config) return;
  const prefix = core.getInput("tag-prefix");
  const releaseNotes = prefix ? { ...config.releaseNotes, tagPrefix: prefix } : config.releaseNotes;
  const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
  if (await isShallow(workspace)) {
    core.warning(
      "The checkout is shallow: tags and history may be missing. Use actions/checkout with fetch-depth: 0.",
    );
  }
  const plan = await planLocalRelease({
    cwd: workspace,
    config: releaseNotes,
    from: core.getInput("from") || undefined,
    to: core.getInput("to") || undefined,
    channel: core.getInput("prerelease") || undefined,
    today: new Date().toISOString().slice(0, 10),
    logins: port ? (commits) => loginsOf(port, commits) : undefined,
    pullRequestBodies: port
      ? bodiesFromGitHub(port, (message) => core.warning(message))
      : undefined,
  });
  for (const warning of plan.warnings)
    core.warning(`${warning.hash.slice(0, 7)}: ${warning.message}`);
  core.setOutput("bump", plan.bump);
  if (!plan.version) {
    core.notice(
      `Nothing to release since ${plan.previousTag ?? "the first commit"}: no feat, fix, perf or breaking change.`,
    );
    await core.summary.addHeading("Upkeep release notes", 2).addRaw("Nothing to release.").write();
    return;
  }
  await writeOutputs(plan, releaseNotes, workspace);
  if (mode !== "none" && !port) return core.setFailed("mode draft or publish needs a token");
  if (mode !== "none" && port) {
    const { release, action } = await publishRelease(port, plan, mode as "draft" | "publish");
    core.setOutput("release-url", release.url);
    core.setOutput("release-id", String(release.id));
    core.info(`${action} ${release.draft ? "draft " : ""}release ${release.tag}: ${release.url}`);
  }
  await core.summary
    .addHeading(`Upkeep release notes: ${plan.tag} (${plan.bump})`, 2)
    .addRaw(plan.markdown, true)
    .write();
}

async function writeOutputs(
  plan: LocalReleasePlan,
  config: ReleaseNotesConfig,
  workspace: string,
): Promise<void> {
  const dir = process.env.RUNNER_TEMP ?? workspace;
  const notesPath = join(dir, "release-notes.md");
  const contextPath = join(dir, "release-notes.json");
  writeFileSync(notesPath, plan.markdown);
  writeFileSync(contextPath, `${JSON.stringify(releaseContext(plan, config), null, 2)}\n`);
  const changelog = core.getInput("changelog");
  if (changelog) {
    // The changelog must be a regular file of the checkout: never a path out of it, never a FIFO.
    const current = await readLocalFile(workspace, changelog);
    if (current.kind === "refused") throw new Error(`changelog: ${current.message}`);
    const existing = current.kind === "text" ? current.text : undefined;
    writeFileSync(
      join(workspace, changelog),
      prependSection(existing, plan.markdown, plan.version as string),
    );
  }
  core.setOutput("version", plan.version);
  core.setOutput("tag", plan.tag);
  core.setOutput("notes-path", notesPath);
  core.setOutput("context-path", contextPath);
  core.setOutput("patch-notes", plan.patchNotes);
  core.setOutput("enhancement-notes", plan.enhancementNotes);
}

main().catch((error: unknown) => {
  if (error instanceof ReleaseInputError || error instanceof GitError)
    core.setFailed(error.message);
  else core.setFailed(error instanceof Error ? (error.stack ?? error.message) : String(error));
});
