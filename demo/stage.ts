// The demo's stage: the GitHub sandbox and the real App server wired together, a movable clock,
// and a narrator that prints what happened in words a maintainer would use.
import type { AppServer } from "../app/server.ts";
import { ManualClock } from "../core/time/clock.ts";
import type { OctokitGitHub } from "../github/octokit-port.ts";
import type { Sandbox } from "../sandbox/index.ts";
import { startAppOnSandbox } from "../test/support/app-on-sandbox.ts";
import { installationPort } from "../test/support/sandbox-port.ts";

export const REPO = "acme/shop";

export interface Stage {
  sandbox: Sandbox;
  app: AppServer;
  clock: ManualClock;
  say(line: string): void;
  /** Waits until every webhook the sandbox queued has been handled by the App. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export async function openStage(config: string, start = "2026-11-23T08:00:00Z"): Promise<Stage> {
  const clock = new ManualClock(start);
  const { sandbox, app, close } = await startAppOnSandbox({ clock });
  sandbox.addRepo(REPO, { files: { ".github/upkeep.yml": config } });
  for (const [login, permission] of [
    ["maria", "maintain"],
    ["tom", "triage"],
  ] as const) {
    sandbox.addUser(login);
    sandbox.setPermission(REPO, login, permission);
  }
  sandbox.addUser("visitor");
  return {
    sandbox,
    app,
    clock,
    say: (line) => console.log(line),
    settle: () => sandbox.idle(),
    close,
  };
}

export function heading(title: string): void {
  console.log(`\n── ${title} ${"─".repeat(Math.max(0, 70 - title.length))}`);
}

export function labelsOf(stage: Stage, number: number): string {
  const labels = stage.sandbox.issue(REPO, number).labels;
  return labels.length > 0 ? labels.map((label) => `[${label}]`).join(" ") : "(no labels)";
}

export function lastBotComment(stage: Stage, number: number): string | undefined {
  const comments = stage.sandbox
    .issue(REPO, number)
    .comments.filter((comment) => comment.user.endsWith("[bot]"));
  return comments.at(-1)?.body;
}

/** The readable part of a bot comment: hidden markers dropped, first lines only. */
export function excerpt(body: string | undefined, lines = 3): string {
  if (!body) return "(none)";
  return body
    .replace(/<!--[\s\S]*?-->/g, "")
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .slice(0, lines)
    .map((line) => `      │ ${line}`)
    .join("\n");
}

/** The GitHub port as a scheduled action sees it: the repository's installation token. */
export function stagePort(stage: Stage): OctokitGitHub {
  return installationPort(stage.sandbox, REPO);
}
