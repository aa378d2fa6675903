// Renders sandbox records as GitHub's REST JSON (the shapes the OpenAPI description requires).
// Webhook payloads reuse these, since GitHub's webhook objects are the REST objects.
import { nodeId } from "./changes/repos.ts";
import type {
  Account,
  Comment,
  Installation,
  IssueEventRecord,
  IssueRecord,
  Label,
  Release,
  Repo,
} from "./model.ts";
import type { SandboxState } from "./state.ts";

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

export function repoApi(state: SandboxState, repo: Repo): string {
  return `${state.apiUrl}/repos/${repo.fullName}`;
}

export function renderLabel(state: SandboxState, repo: Repo, label: Label): Json {
  return {
    id: label.id,
    node_id: nodeId("LA", label.id),
    url: `${repoApi(state, repo)}/labels/${encodeURIComponent(label.name)}`,
    name: label.name,
    color: label.color,
    default: label.isDefault,
    description: label.description,
  };
}

function reactions(url: string): Json {
  return {
    url: `${url}/reactions`,
    total_count: 0,
    "+1": 0,
    "-1": 0,
    laugh: 0,
    hooray: 0,
    confused: 0,
    heart: 0,
    rocket: 0,
    eyes: 0,
  };
}

export function authorAssociation(state: SandboxState, repo: Repo, user: Account): string {
  if (user.type === "Bot") return "NONE";
  if (repo.owner === user) return "OWNER";
  const permission = state.permissionOf(repo, user.login);
  return permission === "none" || permission === "read" ? "NONE" : "COLLABORATOR";
}

export function renderIssue(state: SandboxState, repo: Repo, issue: IssueRecord): Json {
  const url = `${repoApi(state, repo)}/issues/${issue.number}`;
  const kind = issue.isPullRequest ? "pull" : "issues";
  const rendered: Json = {
    url,
    repository_url: repoApi(state, repo),
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: `${state.webUrl}/${repo.fullName}/${kind}/${issue.number}`,
    id: issue.id,
    node_id: nodeId(issue.isPullRequest ? "PR" : "I", issue.id),
    number: issue.number,
    title: issue.title,
    user: renderUser(state, issue.user),
    labels: issue.labels.map((label) => renderLabel(state, repo, label)),
    state: issue.state,
    locked: false,
    assignee: issue.assignees[0] ? renderUser(state, issue.assignees[0]) : null,
    assignees: issue.assignees.map((user) => renderUser(state, user)),
    milestone: null,
    comments: issue.comments.length,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    author_association: authorAssociation(state, repo, issue.user),
    active_lock_reason: null,
    body: issue.body,
    closed_by: issue.closedBy ? renderUser(state, issue.closedBy) : null,
    reactions: reactions(url),
    timeline_url: `${url}/timeline`,
    performed_via_github_app: null,
    state_reason: issue.stateReason,
    draft: false,
  };
  if (issue.isPullRequest) {
    const pull = `${repoApi(state, repo)}/pulls/${issue.number}`;
    rendered.pull_request = {
      url: pull,
      html_url: `${state.webUrl}/${repo.fullName}/pull/${issue.number}`,
      diff_url: `${state.webUrl}/${repo.fullName}/pull/${issue.number}.diff`,
      patch_url: `${state.webUrl}/${repo.fullName}/pull/${issue.number}.patch`,
      merged_at: null,
    };
  }
  return rendered;
}

export function renderComment(state: SandboxState, repo: Repo, comment: Comment): Json {
  const url = `${repoApi(state, repo)}/issues/comments/${comment.id}`;
  return {
    url,
    html_url: `${state.webUrl}/${repo.fullName}/issues/${comment.issueNumber}#issuecomment-${comment.id}`,
    issue_url: `${repoApi(state, repo)}/issues/${comment.issueNumber}`,
    id: comment.id,
    node_id: nodeId("IC", comment.id),
    user: renderUser(state, comment.user),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    author_association: authorAssociation(state, repo, comment.user),
    body: comment.body,
    reactions: reactions(url),
    performed_via_github_app: null,
  };
}

/** One entry of /issues/{n}/events or /issues/events (timeline-only kinds are rendered elsewhere). */
export function renderIssueEvent(
  state: SandboxState,
  repo: Repo,
  event: IssueEventRecord,
  issue?: IssueRecord,
): Json {
  const rendered: Json = {
    id: event.id,
    node_id: nodeId("E", event.id),
    url: `${repoApi(state, repo)}/issues/events/${event.id}`,
    actor: renderUser(state, event.actor),
    event: event.event,
    commit_id: null,
    commit_url: null,
    created_at: event.createdAt,
    performed_via_github_app: null,
  };
  if (event.label) rendered.label = event.label;
  if (event.assignee) {
    rendered.assignee = renderUser(state, event.assignee);
    rendered.assigner = renderUser(state, event.actor);
  }
  if (event.stateReason !== undefined) rendered.state_reason = event.stateReason;
  if (event.rename) rendered.rename = event.rename;
  if (issue) rendered.issue = renderIssue(state, repo, issue);
  return rendered;
}

export function renderRepo(state: SandboxState, repo: Repo): Json {
  const api = repoApi(state, repo);
  const html = `${state.webUrl}/${repo.fullName}`;
  const openIssues = [...repo.issues.values()].filter((issue) => issue.state === "open").length;
  const templated: Json = {};
  const templates: [string, string][] = [
    ["archive_url", "/{archive_format}{/ref}"],
    ["assignees_url", "/assignees{/user}"],
    ["blobs_url", "/git/blobs{/sha}"],
    ["branches_url", "/branches{/branch}"],
    ["collaborators_url", "/collaborators{/collaborator}"],
    ["comments_url", "/comments{/number}"],
    ["commits_url", "/commits{/sha}"],
    ["compare_url", "/compare/{base}...{head}"],
    ["contents_url", "/contents/{+path}"],
    ["contributors_url", "/contributors"],
    ["deployments_url", "/deployments"],
    ["downloads_url", "/downloads"],
    ["events_url", "/events"],
    ["forks_url", "/forks"],
    ["git_commits_url", "/git/commits{/sha}"],
    ["git_refs_url", "/git/refs{/sha}"],
    ["git_tags_url", "/git/tags{/sha}"],
    ["hooks_url", "/hooks"],
    ["issue_comment_url", "/issues/comments{/number}"],
    ["issue_events_url", "/issues/events{/number}"],
    ["issues_url", "/issues{/number}"],
    ["keys_url", "/keys{/key_id}"],
    ["labels_url", "/labels{/name}"],
    ["languages_url", "/languages"],
    ["merges_url", "/merges"],
    ["milestones_url", "/milestones{/number}"],
    ["notifications_url", "/notifications{?since,all,participating}"],
    ["pulls_url", "/pulls{/number}"],
    ["releases_url", "/releases{/id}"],
    ["stargazers_url", "/stargazers"],
    ["statuses_url", "/statuses/{sha}"],
    ["subscribers_url", "/subscribers"],
    ["subscription_url", "/subscription"],
    ["tags_url", "/tags"],
    ["teams_url", "/teams"],
    ["trees_url", "/git/trees{/sha}"],
  ];
  for (const [key, suffix] of templates) templated[key] = `${api}${suffix}`;
  return {
    id: repo.id,
    node_id: nodeId("R", repo.id),
    name: repo.name,
    full_name: repo.fullName,
    owner: renderUser(state, repo.owner),
    private: false,
    html_url: html,
    description: null,
    fork: false,
    url: api,
    ...templated,
    git_url: `git://github.com/${repo.fullName}.git`,
    ssh_url: `git@github.com:${repo.fullName}.git`,
    clone_url: `${html}.git`,
    svn_url: html,
    mirror_url: null,
    homepage: null,
    language: null,
    forks_count: 0,
    forks: 0,
    stargazers_count: 0,
    watchers_count: 0,
    watchers: 0,
    size: 0,
    default_branch: repo.defaultBranch,
    open_issues_count: openIssues,
    open_issues: openIssues,
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: true,
    has_wiki: true,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: false,
    disabled: false,
    visibility: "public",
    pushed_at: repo.updatedAt,
    created_at: repo.createdAt,
    updated_at: repo.updatedAt,
    license: null,
    allow_forking: true,
    web_commit_signoff_required: false,
    network_count: 0,
    subscribers_count: 0,
  };
}

export const APP_PERMISSIONS = {
  issues: "write",
  contents: "write",
  metadata: "read",
  pull_requests: "read",
  security_events: "write",
};
export const APP_EVENTS = [
  "issues",
  "issue_comment",
  "label",
  "release",
  "code_scanning_alert",
  "dependabot_alert",
];

export function renderInstallation(state: SandboxState, installation: Installation): Json {
  return {
    id: installation.id,
    account: renderUser(state, installation.account),
    repository_selection: "selected",
    access_tokens_url: `${state.apiUrl}/app/installations/${installation.id}/access_tokens`,
    repositories_url: `${state.apiUrl}/installation/repositories`,
    html_url: `${state.webUrl}/organizations/${installation.account.login}/settings/installations/${installation.id}`,
    app_id: state.appId,
    app_slug: "upkeep",
    target_id: installation.account.id,
    target_type: installation.account.type === "Organization" ? "Organization" : "User",
    permissions: APP_PERMISSIONS,
    events: APP_EVENTS,
    created_at: installation.createdAt,
    updated_at: installation.createdAt,
    single_file_name: null,
    has_multiple_single_files: false,
    single_file_paths: [],
    suspended_by: null,
    suspended_at: null,
  };
}

export function renderRelease(state: SandboxState, repo: Repo, release: Release): Json {
  const url = `${repoApi(state, repo)}/releases/${release.id}`;
  const tagPath = encodeURIComponent(release.tagName);
  return {
    url,
    html_url: `${state.webUrl}/${repo.fullName}/releases/tag/${tagPath}`,
    assets_url: `${url}/assets`,
    upload_url: `https://uploads.github.com/repos/${repo.fullName}/releases/${release.id}/assets{?name,label}`,
    tarball_url: `${repoApi(state, repo)}/tarball/${tagPath}`,
    zipball_url: `${repoApi(state, repo)}/zipball/${tagPath}`,
    id: release.id,
    node_id: nodeId("RE", release.id),
    tag_name: release.tagName,
    target_commitish: release.targetCommitish,
    name: release.name,
    body: release.body,
    draft: release.draft,
    prerelease: release.prerelease,
    created_at: release.createdAt,
    published_at: release.publishedAt,
    updated_at: release.updatedAt,
    immutable: false,
    author: renderUser(state, release.author),
    assets: [],
  };
}
