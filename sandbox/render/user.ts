// Renders accounts as GitHub's REST JSON (simple-user).
import { nodeId } from "../changes/repos.ts";
import type { Account } from "../model.ts";
import type { SandboxState } from "../state.ts";

type Json = Record<string, unknown>;

export function renderUser(state: SandboxState, user: Account): Json {
  const api = `${state.apiUrl}/users/${encodeURIComponent(user.login)}`;
  return {
    login: user.login,
    id: user.id,
    node_id: nodeId(user.type === "Organization" ? "O" : "U", user.id),
    avatar_url: `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
    gravatar_id: "",
    url: api,
    html_url: `${state.webUrl}/${user.type === "Bot" ? `apps/${user.login.replace(/\[bot\]$/, "")}` : encodeURIComponent(user.login)}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: user.type,
    user_view_type: "public",
    site_admin: false,
  };
}
