// Implements the GitHub port over any Octokit: Probot's context.octokit, @actions/github's, or the CLI's.

import type { Octokit } from "@octokit/core";
import { composePaginateRest } from "@octokit/plugin-paginate-rest";
import {
  type Issue,
  type IssueComment,
  type IssueEvent,
  isWrittenBy,
  type Permission,
} from "../core/model/issue.ts";
import { commentFromRest, eventFromRest, issueFromRest } from "../core/model/rest.ts";
import {
  type CreateOnceOptions,
  carriesKey,
  createOnce,
  keyHash,
  stampBody,
} from "./idempotent-create.ts";
import { configuredBotLogin } from "./identity.ts";
import type {
  GitHubPort,
  GlobalAdvisory,
  IssueChange,
  IssueListQuery,
  LabelSpec,
  NewIssue,
  PublishedRelease,
  ReleaseInfo,
  ReleaseSpec,
  RepoRef,
} from "./port.ts";

/** Anything with Octokit's `request`; the faces' clients all qualify. */
export type OctokitLike = Pick<Octokit, "request">;

export interface PortOptions {
  /** Who this port writes as (default: UPKEEP_BOT_LOGIN, else github-actions[bot]). */
  botLogin?: string;
  creates?: CreateOnceOptions;
}

/** A POST the retry plugin must not repeat on its own: the idempotent create decides. */
const ONE_ATTEMPT = { request: { retries: 0 } };

export class OctokitGitHub implements GitHubPort {
  readonly repo: RepoRef;
  readonly botLogin: string;
  private readonly octokit: OctokitLike;
  private readonly creates: CreateOnceOptions;

  constructor(octokit: OctokitLike, repo: RepoRef, options: PortOptions = {}) {
    this.octokit = octokit;
    this.repo = repo;
    this.botLogin = options.botLogin ?? configuredBotLogin();
    this.creates = options.creates ?? {};
  }

  async getIssue(number: number): Promise<Issue> {
    const { data } = await this.octokit.request("GET /repos/{owner}/{repo}/issues/{issue_number}", {
      ...this.repo,
      issue_number: number,
    });
    return issueFromRest(data);
  }

  async *listIssues(query: IssueListQuery): AsyncIterable<Issue> {
    const iterator = composePaginateRest.iterator(
      this.octokit as Octokit,
      "GET /repos/{owner}/{repo}/issues",
      {
        ...this.repo,
        state: query.state ?? "open",
        labels: query.labels?.join(","),
        since: query.since,
        sort: query.sort,
        direction: query.direction,
        per_page: 100,
      },
    );
    for await (const page of iterator) {
      for (const raw of page.data) yield issueFromRest(raw);
    }
  }

  async createIssue(issue: NewIssue): Promise<Issue> {
    const { key, ...fields } = issue;
    if (key === undefined) return this.postIssue(fields, {});
    const body = stampBody(fields.body, key, this.botLogin);
    return createOnce(
      {
        find: (afterFailure) => this.findOwnIssue(key, afterFailure),
        attempt: () => this.postIssue({ ...fields, body }, ONE_ATTEMPT),
      },
      this.creates,
    );
  }

  private async postIssue(issue: Omit<NewIssue, "key">, extra: object): Promise<Issue> {
    const { data } = await this.octokit.request("POST /repos/{owner}/{repo}/issues", {
      ...this.repo,
      ...issue,
      ...extra,
    });
    return issueFromRest(data);
  }

  /**
   * The oldest issue this identity wrote with `key`: by search (finds old ones; its index lags),
   * and after a failed create also among the newest issues, which the list shows at once.
   */
  private async findOwnIssue(key: string, afterFailure: boolean): Promise<Issue | undefined> {
    const mine = (issue: Issue) =>
      isWrittenBy(issue.author, this.botLogin) && carriesKey(issue.body, key);
    const found: Issue[] = [];
    if (afterFailure) {
      const { data } = await this.octokit.request("GET /repos/{owner}/{repo}/issues", {
        ...this.repo,
        state: "all",
        sort: "created",
        direction: "desc",
        per_page: 100,
      });
      found.push(...data.map(issueFromRest).filter(mine));
    }
    const { data } = await this.octokit.request("GET /search/issues", {
      q: `repo:${this.repo.owner}/${this.repo.repo} in:body ${keyHash(key)}`,
      per_page: 100,
    });
    found.push(...data.items.map((item) => issueFromRest(item as never)).filter(mine));
    return found.sort((a, b) => a.number - b.number)[0];
  }

  async updateIssue(number: number, change: IssueChange): Promise<Issue> {
    const { stateReason, ...rest } = change;
    const { data } = await this.octokit.request(
      "PATCH /repos/{owner}/{repo}/issues/{issue_number}",
      {
        ...this.repo,
        issue_number: number,
        ...rest,
        ...(stateReason ? { state_reason: stateReason } : {}),
      },
    );
    return issueFromRest(data);
  }

  async addLabels(number: number, labels: string[]): Promise<void> {
    if (labels.length === 0) return;
    await this.octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/labels", {
      ...this.repo,
      issue_number: number,
      labels,
    });
  }

  async removeLabel(number: number, label: string): Promise<void> {
    try {
      await this.octokit.request(
        "DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}",
        {
          ...this.repo,
          issue_number: number,
          name: label,
        },
      );
    } catch (error) {
      // Already gone is the state we wanted.
      if ((error as { status?: number }).status !== 404) throw error;
    }
  }

  async listRepoLabels(): Promise<LabelSpec[]> {
    const labels = await composePaginateRest(
      this.octokit as Octokit,
      "GET /repos/{owner}/{repo}/labels",
      {
        ...this.repo,
        per_page: 100,
      },
    );
    return labels.map((label) => ({
      name: label.name,
      color: label.color,
      description: label.description ?? undefined,
    }));
  }

  async createLabel(label: LabelSpec): Promise<void> {
    try {
      await this.octokit.request("POST /repos/{owner}/{repo}/labels", { ...this.repo, ...label });
    } catch (error) {
      // 422 "already_exists": a concurrent run created it first, which is what we wanted.
      if ((error as { status?: number }).status !== 422) throw error;
    }
  }

  async listComments(number: number): Promise<IssueComment[]> {
    const comments = await composePaginateRest(
      this.octokit as Octokit,
      "GET /repos/{owner}/{repo}/issues/{issue_number}/comments",
      { ...this.repo, issue_number: number, per_page: 100 },
    );
    return comments.map(commentFromRest);
  }

  async createComment(
    number: number,
    body: string,
    key?: string,
    justListed = false,
  ): Promise<IssueComment> {
    if (key === undefined) return this.postComment(number, body, {});
    const stamped = stampBody(body, key, this.botLogin);
    return createOnce(
      {
        find: async () => {
          const own = (await this.listComments(number)).find(
            (comment) =>
              isWrittenBy(comment.author, this.botLogin) && carriesKey(comment.body, key),
          );
          if (!own || own.body === stamped) return own;
          return this.updateComment(own.id, stamped);
        },
        attempt: () => this.postComment(number, stamped, ONE_ATTEMPT),
      },
      { ...this.creates, skipFirstLook: justListed },
    );
  }

  private async postComment(number: number, body: string, extra: object): Promise<IssueComment> {
    const { data } = await this.octokit.request(
      "POST /repos/{owner}/{repo}/issues/{issue_number}/comments",
      { ...this.repo, issue_number: number, body, ...extra },
    );
    return commentFromRest(data);
  }

  async updateComment(commentId: number, body: string): Promise<IssueComment> {
    const { data } = await this.octokit.request(
      "PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}",
      {
        ...this.repo,
        comment_id: commentId,
        body,
      },
    );
    return commentFromRest(data);
  }

  async listTimeline(number: number): Promise<IssueEvent[]> {
    const entries = await composePaginateRest(
      this.octokit as Octokit,
      "GET /repos/{owner}/{repo}/issues/{issue_number}/timeline",
      { ...this.repo, issue_number: number, per_page: 100 },
    );
    return entries.map(eventFromRest);
  }

  async getPermission(login: string): Promise<Permission> {
    try {
      const { data } = await this.octokit.request(
        "GET /repos/{owner}/{repo}/collaborators/{username}/permission",
        {
          ...this.repo,
          username: login,
        },
      );
      const role = (data as { role_name?: string }).role_name;
      if (role === "maintain" || role === "triage") return role;
      return data.permission as Permission;
    } catch (error) {
      if ((error as { status?: number }).status === 404) return "none";
      throw error;
    }
  }

  async readFile(path: string, ref?: string): Promise<string | undefined> {
    try {
      const { data } = await this.octokit.request("GET /repos/{owner}/{repo}/contents/{path}", {
        ...this.repo,
        path,
        ref,
      });
      if (Array.isArray(data) || data.type !== "file" || !("content" in data)) return undefined;
      return Buffer.from(data.content, "base64").toString("utf8");
    } catch (error) {
      if ((error as { status?: number }).status === 404) return undefined;
      throw error;
    }
  }

  async addLabelsReturningCurrent(number: number, labels: string[]): Promise<string[]> {
    const { data } = await this.octokit.request(
      "POST /repos/{owner}/{repo}/issues/{issue_number}/labels",
      { ...this.repo, issue_number: number, labels },
    );
    return data.map((label) => label.name);
  }

  async deleteComment(commentId: number): Promise<void> {
    try {
      await this.octokit.request("DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}", {
        ...this.repo,
        comment_id: commentId,
      });
    } catch (error) {
      if ((error as { status?: number }).status !== 404) throw error;
    }
  }

  async listPublishedReleases(): Promise<PublishedRelease[]> {
    const releases = await composePaginateRest(
      this.octokit as Octokit,
      "GET /repos/{owner}/{repo}/releases",
      {
        ...this.repo,
        per_page: 100,
      },
    );
    return releases
      .filter((release) => !release.draft && release.published_at)
      .map((release) => ({
        tag: release.tag_name,
        name: release.name ?? release.tag_name,
        body: release.body ?? "",
        url: release.html_url,
        publishedAt: release.published_at as string,
      }));
  }

  async findReleaseByTag(tag: string): Promise<ReleaseInfo | undefined> {
    const iterator = composePaginateRest.iterator(
      this.octokit as Octokit,
      "GET /repos/{owner}/{repo}/releases",
      { ...this.repo, per_page: 100 },
    );
    for await (const page of iterator) {
      const found = page.data.find((release) => release.tag_name === tag);
      if (found) return releaseFromRest(found);
    }
    return undefined;
  }

  async createRelease(release: ReleaseSpec): Promise<ReleaseInfo> {
    const { data } = await this.octokit.request("POST /repos/{owner}/{repo}/releases", {
      ...this.repo,
      ...releaseToRest(release),
      tag_name: release.tag,
    });
    return releaseFromRest(data);
  }

  async updateRelease(id: number, release: Partial<ReleaseSpec>): Promise<ReleaseInfo> {
    const { data } = await this.octokit.request(
      "PATCH /repos/{owner}/{repo}/releases/{release_id}",
      { ...this.repo, release_id: id, ...releaseToRest(release) },
    );
    return releaseFromRest(data);
  }

  async commitAuthorLogin(sha: string): Promise<string | undefined> {
    try {
      const { data } = await this.octokit.request("GET /repos/{owner}/{repo}/commits/{ref}", {
        ...this.repo,
        ref: sha,
      });
      return data.author && "login" in data.author ? data.author.login : undefined;
    } catch (error) {
      // Not pushed yet (404/422): the notes fall back to the git author's name.
      const status = (error as { status?: number }).status;
      if (status === 404 || status === 422) return undefined;
      throw error;
    }
  }

  async listGlobalAdvisories(ecosystem: string, packages: string[]): Promise<GlobalAdvisory[]> {
    const found: GlobalAdvisory[] = [];
    // `affects` takes up to 1000 packages; smaller chunks keep the query string a sane length.
    for (let start = 0; start < packages.length; start += 100) {
      const iterator = composePaginateRest.iterator(this.octokit as Octokit, "GET /advisories", {
        ecosystem: ecosystem as never,
        affects: packages.slice(start, start + 100).join(","),
        type: "reviewed",
        per_page: 100,
      });
      for await (const page of iterator) {
        for (const raw of page.data as RestGlobalAdvisory[])
          found.push(globalAdvisoryFromRest(raw));
      }
    }
    return found;
  }
}

interface RestGlobalAdvisory {
  ghsa_id: string;
  cve_id: string | null;
  summary: string;
  html_url: string;
  severity: string;
  cvss_severities?: {
    cvss_v3?: { vector_string: string | null } | null;
    cvss_v4?: { vector_string: string | null } | null;
  } | null;
  cvss?: { vector_string: string | null } | null;
  updated_at?: string;
  withdrawn_at?: string | null;
  vulnerabilities:
    | {
        package: { ecosystem: string; name: string | null } | null;
        vulnerable_version_range: string | null;
        first_patched_version: string | null;
      }[]
    | null;
}

function globalAdvisoryFromRest(raw: RestGlobalAdvisory): GlobalAdvisory {
  const cvss: GlobalAdvisory["cvss"] = [];
  const v4 = raw.cvss_severities?.cvss_v4?.vector_string;
  const v3 = raw.cvss_severities?.cvss_v3?.vector_string ?? raw.cvss?.vector_string;
  if (v4) cvss.push({ vector: v4, version: "4" });
  if (v3) cvss.push({ vector: v3, version: "3" });
  return {
    ghsaId: raw.ghsa_id,
    ...(raw.cve_id ? { cveId: raw.cve_id } : {}),
    summary: raw.summary,
    url: raw.html_url,
    severity: raw.severity,
    cvss,
    ...(raw.updated_at ? { updatedAt: raw.updated_at } : {}),
    ...(raw.withdrawn_at ? { withdrawnAt: raw.withdrawn_at } : {}),
    vulnerabilities: (raw.vulnerabilities ?? []).flatMap((entry) =>
      entry.package?.name
        ? [
            {
              ecosystem: entry.package.ecosystem,
              name: entry.package.name,
              ...(entry.vulnerable_version_range
                ? { vulnerableRange: entry.vulnerable_version_range }
                : {}),
              ...(entry.first_patched_version ? { firstPatched: entry.first_patched_version } : {}),
            },
          ]
        : [],
    ),
  };
}

interface RestRelease {
  id: number;
  tag_name: string;
  name: string | null;
  body?: string | null;
  draft: boolean;
  prerelease: boolean;
  html_url: string;
  target_commitish: string;
}

function releaseFromRest(data: RestRelease): ReleaseInfo {
  return {
    id: data.id,
    tag: data.tag_name,
    name: data.name ?? data.tag_name,
    body: data.body ?? "",
    draft: data.draft,
    prerelease: data.prerelease,
    target: data.target_commitish,
    url: data.html_url,
  };
}

function releaseToRest(release: Partial<ReleaseSpec>) {
  return {
    ...(release.tag !== undefined ? { tag_name: release.tag } : {}),
    ...(release.name !== undefined ? { name: release.name } : {}),
    ...(release.body !== undefined ? { body: release.body } : {}),
    ...(release.draft !== undefined ? { draft: release.draft } : {}),
    ...(release.prerelease !== undefined ? { prerelease: release.prerelease } : {}),
    ...(release.target !== undefined ? { target_commitish: release.target } : {}),
  };
}
