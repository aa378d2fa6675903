// The sandbox's whole world: accounts, repositories, installations and tokens, plus the id counter
// and clock every record draws from. Changes that GitHub would announce go out through `emit`.
import { randomBytes } from "node:crypto";
import type { Clock } from "../core/time/clock.ts";
import type { Advisory } from "./advisories.ts";
import type {
  Account,
  AccountType,
  Comment,
  Installation,
  IssueRecord,
  Label,
  Release,
  Repo,
  RepoPermission,
  TokenGrant,
} from "./model.ts";

/** What a webhook payload is built from; the webhook module renders these records. */
export interface WebhookParts {
  repo?: Repo;
  sender: Account;
  issue?: IssueRecord;
  comment?: Comment;
  label?: Label;
  release?: Release;
  assignee?: Account;
  installation?: Installation;
  /** Top-level fields copied as they are (e.g. `changes`, `repositories_added`). */
  fields?: Record<string, unknown>;
}

export type Emit = (event: string, action: string | undefined, parts: WebhookParts) => void;

/** The answer GitHub would give instead of serving a request: status, message, docs, 422 details. */
export class HttpError extends Error {
  readonly status: number;
  readonly errors?: unknown[];
  readonly docs: string;

  constructor(status: number, message: string, errors?: unknown[], docs?: string) {
    super(message);
    this.status = status;
    this.errors = errors;
    this.docs = docs ?? "https://docs.github.com/rest";
  }
}

export const APP_SLUG = "upkeep";
export const BOT_LOGIN = `${APP_SLUG}[bot]`;

export class SandboxState {
  readonly clock: Clock;
  readonly appId: number;
  readonly accounts = new Map<string, Account>();
  readonly repos = new Map<string, Repo>();
  readonly installations = new Map<number, Installation>();
  readonly tokens = new Map<string, TokenGrant>();
  readonly advisories: Advisory[] = [];
  readonly bot: Account;
  emit: Emit = () => {};
  /** Base of the REST URLs inside responses; set once the server listens. */
  apiUrl = "http://127.0.0.1";
  readonly webUrl = "https://github.com";
  private nextId = 1000;

  constructor(clock: Clock, appId: number) {
    this.clock = clock;
    this.appId = appId;
    this.bot = this.addAccount(BOT_LOGIN, "Bot");
  }

  id(): number {
    this.nextId += 1;
    return this.nextId;
  }

  now(): string {
    return this.clock
      .now()
      .toISOString()
      .replace(/\.\d{3}Z$/, "Z");
  }

  addAccount(login: string, type: AccountType): Account {
    const existing = this.accounts.get(login.toLowerCase());
    if (existing) return existing;
    const account: Account = { id: this.id(), login, type };
    this.accounts.set(login.toLowerCase(), account);
    return account;
  }

  account(login: string): Account {
    // GitHub's bot accounts are the ones named like "dependabot[bot]".
    const type = login.endsWith("[bot]") ? "Bot" : "User";
    return this.accounts.get(login.toLowerCase()) ?? this.addAccount(login, type);
  }

  findAccount(login: string): Account | undefined {
    return this.accounts.get(login.toLowerCase());
  }

  repo(fullName: string): Repo {
    const repo = this.repos.get(fullName.toLowerCase());
    if (!repo)
      throw new HttpError(
        404,
        "Not Found",
        undefined,
        "https://docs.github.com/rest/repos/repos#get-a-repository",
      );
    return repo;
  }

  issue(repo: Repo, number: number): IssueRecord {
    const issue = repo.issues.get(number);
    if (!issue)
      throw new HttpError(
        404,
        "Not Found",
        undefined,
        "https://docs.github.com/rest/issues/issues#get-an-issue",
      );
    return issue;
  }

  /** For the scripting side (tests): a plain error that names what is missing. */
  repoNamed(fullName: string): Repo {
    const repo = this.repos.get(fullName.toLowerCase());
    if (!repo) throw new Error(`sandbox: no repository ${fullName}; add it with addRepo()`);
    return repo;
  }

  issueNumbered(fullName: string, number: number): IssueRecord {
    const issue = this.repoNamed(fullName).issues.get(number);
    if (!issue) throw new Error(`sandbox: ${fullName} has no issue or pull request #${number}`);
    return issue;
  }

  installationFor(owner: string): Installation | undefined {
    for (const installation of this.installations.values()) {
      if (installation.account.login.toLowerCase() === owner.toLowerCase()) return installation;
    }
    return undefined;
  }

  createInstallation(owner: Account): Installation {
    const installation: Installation = {
      id: this.id(),
      account: owner,
      repos: new Set(),
      createdAt: this.now(),
    };
    this.installations.set(installation.id, installation);
    return installation;
  }

  /** A personal access token acting as `login`. */
  createToken(login: string): string {
    const token = `ghp_${randomBytes(18).toString("hex")}`;
    // PATs outlive any test; a year keeps them clear of the clock whatever it is set to.
    const expiresAt = new Date(Date.now() + 365 * 86_400_000).toISOString();
    this.tokens.set(token, { token, actor: this.account(login), expiresAt });
    return token;
  }

  createInstallationToken(installation: Installation): TokenGrant {
    const token = `ghs_${randomBytes(18).toString("hex")}`;
    // Octokit's auth-app compares expiry with the real clock, so this one uses wall time.
    const expiresAt = new Date(Date.now() + 3_600_000).toISOString().replace(/\.\d{3}Z$/, "Z");
    const grant = { token, actor: this.bot, installationId: installation.id, expiresAt };
    this.tokens.set(token, grant);
    return grant;
  }

  /** GitHub's effective permission: the owner is admin; installations act with write. */
  permissionOf(repo: Repo, login: string): RepoPermission | "none" {
    if (repo.owner.login.toLowerCase() === login.toLowerCase()) return "admin";
    return repo.permissions.get(login.toLowerCase()) ?? "none";
  }
}
