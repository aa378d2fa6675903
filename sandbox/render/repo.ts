// Renders repositories, the app's installations and releases as GitHub's REST JSON.
import { nodeId } from "../changes/repos.ts";
import type { Installation, Release, Repo } from "../model.ts";
import type { SandboxState } from "../state.ts";
import { renderUser } from "./user.ts";

type Json = Record<string, unknown>;

export function repoApi(state: SandboxState, repo: Repo): string {
  return `${state.apiUrl}/repos/${repo.fullName}`;
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
