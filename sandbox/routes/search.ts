// GET /search/issues over every repository the caller can see.
import { paginate } from "../http/paginate.ts";
import type { RequestContext, Route } from "../http/route.ts";
import type { IssueRecord, Repo } from "../model.ts";
import { renderIssue } from "../render/issue.ts";
import { matchesSearch, parseSearch } from "../search/query.ts";
import { HttpError } from "../state.ts";
import { sortIssues } from "./issues.ts";

function visibleRepos(ctx: RequestContext): Repo[] {
  const installationId = ctx.grant?.installationId;
  const installation =
    installationId === undefined ? undefined : ctx.state.installations.get(installationId);
  const repos = [...ctx.state.repos.values()];
  return installation
    ? repos.filter((repo) => installation.repos.has(repo.fullName.toLowerCase()))
    : repos;
}

function searchIssues(ctx: RequestContext) {
  const q = ctx.query.get("q");
  if (!q || q.trim() === "") {
    throw new HttpError(
      422,
      "Validation Failed",
      [{ resource: "Search", field: "q", code: "missing" }],
      "https://docs.github.com/rest/search/search#search-issues-and-pull-requests",
    );
  }
  const filter = parseSearch(q);
  const repoOfIssue = new Map<IssueRecord, Repo>();
  for (const repo of visibleRepos(ctx)) {
    for (const issue of repo.issues.values())
      if (matchesSearch(filter, repo, issue)) repoOfIssue.set(issue, repo);
  }
  const ordered = sortIssues(
    [...repoOfIssue.keys()],
    ctx.query.get("sort"),
    ctx.query.get("order") ?? "desc",
  );
  const page = paginate(ctx, ordered);
  const items = page.items.map((issue) => ({
    ...renderIssue(ctx.state, repoOfIssue.get(issue)!, issue),
    // The search schema types body as a string, unlike the issue schema.
    body: issue.body ?? "",
    score: 1,
  }));
  return {
    status: 200,
    body: { total_count: ordered.length, incomplete_results: false, search_type: "lexical", items },
    headers: page.headers,
  };
}

export const searchRoutes: Route[] = [
  { method: "GET", path: "/search/issues", auth: "token", handle: searchIssues },
];
