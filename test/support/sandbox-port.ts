// The GitHub port as a scheduled action or the App sees a sandbox repository: the owner's
// installation token, with retries and throttling on but without GitHub's write spacing.
import { createClient } from "../../github/client.ts";
import { OctokitGitHub, type OctokitLike } from "../../github/octokit-port.ts";
import type { Sandbox } from "../../sandbox/index.ts";
import { BOT_LOGIN } from "../../sandbox/state.ts";

export function installationPort(sandbox: Sandbox, fullName: string): OctokitGitHub {
  const [owner, repo] = fullName.split("/") as [string, string];
  const client = createClient({
    token: sandbox.installationToken(owner),
    baseUrl: sandbox.url,
    spacing: { writeMs: 0, searchMs: 0 },
  });
  return new OctokitGitHub(
    client as unknown as OctokitLike,
    { owner, repo },
    { botLogin: BOT_LOGIN },
  );
}
