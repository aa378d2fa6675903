// Who Upkeep writes as. Upkeep edits, deletes and trusts only comments and issues written by this
// login, whatever markers other text carries: the App's bot (`<slug>[bot]`), `github-actions[bot]`
// for the actions on the workflow token, the token's user for the CLI. UPKEEP_BOT_LOGIN overrides
// it everywhere (an action run with an App's token, a bot account with its own PAT).
import type { OctokitLike } from "./octokit-port.ts";

export const ACTIONS_BOT_LOGIN = "github-actions[bot]";

/** The configured identity, else the one the workflow token writes as. */
export function configuredBotLogin(env: NodeJS.ProcessEnv = process.env): string {
  return configuredOverride(env) ?? ACTIONS_BOT_LOGIN;
}

function configuredOverride(env: NodeJS.ProcessEnv): string | undefined {
  const login = env.UPKEEP_BOT_LOGIN?.trim();
  return login ? login : undefined;
}

/** The App's bot login from `GET /app` (needs the App's JWT octokit); asked once per process. */
export async function appBotLogin(
  appOctokit: OctokitLike,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const configured = configuredOverride(env);
  if (configured) return configured;
  const { data } = await appOctokit.request("GET /app");
  if (!data?.slug) throw new Error("GET /app answered without the App's slug");
  return `${data.slug}[bot]`;
}

/** The login a token writes as: the configured one, the token's user, else the workflow bot. */
export async function tokenLogin(
  octokit: OctokitLike,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const configured = configuredOverride(env);
  if (configured) return configured;
  try {
    const { data } = await octokit.request("GET /user");
    return data.login;
  } catch {
    // Installation and workflow tokens cannot read /user (403).
    return ACTIONS_BOT_LOGIN;
  }
}
