// Commits: one by ref (SHA, branch or tag) and the default branch's history, newest first.
import { resolveCommit } from "../changes/commits.ts";
import { nodeId } from "../changes/repos.ts";
import { paginate } from "../http/paginate.ts";
import { type RequestContext, type Route, repoOf, timeParam } from "../http/route.ts";
import type { CommitRecord, Repo } from "../model.ts";
import { repoApi } from "../render/repo.ts";
import { renderUser } from "../render/user.ts";
import { HttpError } from "../state.ts";

function renderCommit(
  ctx: RequestContext,
  repo: Repo,
  commit: CommitRecord,
): Record<string, unknown> {
  const api = repoApi(ctx.state, repo);
  const person = { name: commit.authorName, email: commit.authorEmail, date: commit.date };
  const tree = createTreeSha(commit.sha);
  return {
    url: `${api}/commits/${commit.sha}`,
    sha: commit.sha,
    node_id: nodeId("C", Number.parseInt(commit.sha.slice(0, 8), 16)),
    html_url: `${ctx.state.webUrl}/${repo.fullName}/commit/${commit.sha}`,
    comments_url: `${api}/commits/${commit.sha}/comments`,
    commit: {
      url: `${api}/git/commits/${commit.sha}`,
      author: person,
      committer: person,
      message: commit.message,
      comment_count: 0,
      tree: { sha: tree, url: `${api}/git/trees/${tree}` },
      verification: {
        verified: false,
        reason: "unsigned",
        payload: null,
        signature: null,
        verified_at: null,
      },
    },
    author: commit.author ? renderUser(ctx.state, commit.author) : null,
    committer: commit.author ? renderUser(ctx.state, commit.author) : null,
    parents: commit.parents.map((sha) => ({
      sha,
      url: `${api}/commits/${sha}`,
      html_url: `${ctx.state.webUrl}/${repo.fullName}/commit/${sha}`,
    })),
  };
}

function createTreeSha(sha: string): string {
  return [...sha].reverse().join("");
}

export const commitRoutes: Route[] = [
  {
    method: "GET",
    path: "/repos/{owner}/{repo}/commits/{ref}",
    auth: "token",
    handle: (ctx) => {
      const repo = repoOf(ctx);
      const commit = resolveCommit(repo, ctx.params.ref ?? "");
      if (!commit) {
        throw new HttpError(
          422,
          `No commit found for SHA: ${ctx.params.ref}`,
          undefined,
          "https://docs.github.com/rest/commits/commits#get-a-commit",
        );
      }
      return {
        status: 200,
        body: {
          ...renderCommit(ctx, repo, commit),
          stats: { additions: 0, deletions: 0, total: 0 },
          files: [],
        },
      };
    },
  },
  {
    method: "GET",
    path: "/repos/{owner}/{repo}/commits",
    auth: "token",
    handle: (ctx) => {
      const repo = repoOf(ctx);
      const author = ctx.query.get("author")?.toLowerCase();
      const since = timeParam(ctx, "since");
      const until = timeParam(ctx, "until");
      const history = [...repo.commits].reverse().filter((commit) => {
        if (
          author &&
          commit.author?.login.toLowerCase() !== author &&
          commit.authorEmail.toLowerCase() !== author
        )
          return false;
        if (since !== undefined && Date.parse(commit.date) < since) return false;
        if (until !== undefined && Date.parse(commit.date) > until) return false;
        return true;
      });
      const page = paginate(ctx, history);
      return {
        status: 200,
        body: page.items.map((commit) => renderCommit(ctx, repo, commit)),
        headers: page.headers,
      };
    },
  },
];
