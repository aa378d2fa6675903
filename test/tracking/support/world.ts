// A running Upkeep App (the real Probot server) wired to a sandbox GitHub, with a repository,
// people with permissions, and a clock the test moves.
import { ManualClock } from "../../../core/time/clock.ts";
import type { Sandbox } from "../../../sandbox/index.ts";
import { startAppOnSandbox } from "../../support/app-on-sandbox.ts";

export const REPO = "octo-org/octo-repo";

export interface World {
  sandbox: Sandbox;
  clock: ManualClock;
  /** Lets the clock run `minutes` forward. */
  later(minutes: number): void;
  close(): Promise<void>;
}

export async function startWorld(
  options: { config?: string; files?: Record<string, string> } = {},
): Promise<World> {
  const clock = new ManualClock("2026-03-02T09:00:00Z");
  const { sandbox, close } = await startAppOnSandbox({ clock });
  sandbox.addRepo(REPO, {
    files: {
      ...(options.config ? { ".github/upkeep.yml": options.config } : {}),
      ...options.files,
    },
  });
  for (const [login, permission] of [
    ["lead", "maintain"],
    ["oncall", "write"],
    ["triager", "triage"],
    ["reporter", "read"],
  ] as const) {
    sandbox.addUser(login);
    sandbox.setPermission(REPO, login, permission);
  }
  return {
    sandbox,
    clock,
    later: (minutes) => clock.advance(minutes * 60_000),
    close,
  };
}
