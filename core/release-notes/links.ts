// Where links in the notes point: a repository's web URL from whichever form it was given in
// (https, git@host:owner/repo.git, ssh://, git+https://, `github:owner/repo`, `owner/repo`).

export interface RepositoryUrl {
  /** e.g. https://github.com */
  host: string;
  owner: string;
  repo: string;
}

export function parseRepositoryUrl(text: string | undefined): RepositoryUrl | undefined {
  if (!text) return undefined;
  const value = text
    .trim()
    .replace(/^git\+/, "")
    .replace(/\.git\/?$/, "")
    .replace(/\/$/, "");
  const shorthand = value.match(/^(?:github:)?([\w.-]+)\/([\w.-]+)$/);
  if (shorthand)
    return {
      host: "https://github.com",
      owner: shorthand[1] as string,
      repo: shorthand[2] as string,
    };
  const scp = value.match(/^[\w.-]+@([\w.-]+):(?:\/)?([\w.-]+)\/([\w.-]+)$/);
  if (scp) return { host: `https://${scp[1]}`, owner: scp[2] as string, repo: scp[3] as string };
  const url = value.match(
    /^(?:https?|ssh|git):\/\/(?:[^@/]+@)?([\w.-]+)(?::\d+)?\/(?:.*\/)?([\w.-]+)\/([\w.-]+)$/,
  );
  if (url) return { host: `https://${url[1]}`, owner: url[2] as string, repo: url[3] as string };
  return undefined;
}

/** The `repository` field of package.json: a string or `{ url }`. */
export function repositoryFromPackageJson(text: string | undefined): string | undefined {
  if (!text) return undefined;
  try {
    const manifest = JSON.parse(text) as { repository?: string | { url?: string } };
    const field = manifest.repository;
    return typeof field === "string" ? field : field?.url;
  } catch {
    return undefined;
  }
}

export function webUrl(repository: RepositoryUrl): string {
  return `${repository.host}/${repository.owner}/${repository.repo}`;
}

export interface LinkBuilder {
  commit(hash: string): string;
  issue(number: number, owner?: string, repo?: string): string;
  pull(number: number): string;
  compare(from: string, to: string): string;
  user(login: string): string;
}

export function linkBuilder(repository: RepositoryUrl): LinkBuilder {
  const base = webUrl(repository);
  return {
    commit: (hash) => `${base}/commit/${hash}`,
    issue: (number, owner, repo) =>
      owner && repo
        ? `${repository.host}/${owner}/${repo}/issues/${number}`
        : `${base}/issues/${number}`,
    pull: (number) => `${base}/pull/${number}`,
    compare: (from, to) => `${base}/compare/${from}...${to}`,
    user: (login) => `${repository.host}/${login}`,
  };
}
