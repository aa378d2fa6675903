// The GitHub sandbox: a stateful GitHub REST server on loopback for tests and the demo.
// See sandbox/README.md for the API and the choices where GitHub's behaviour had to be pinned down.
import { generateKeyPairSync } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type Clock, systemClock } from "../core/time/clock.ts";
import { type AdvisoryInput, toAdvisory } from "./advisories.ts";
import { appPublicKey } from "./app-jwt.ts";
import { addCommit, type CommitInput } from "./changes/commits.ts";
import { findLabel } from "./changes/labels.ts";
import { addRepo, install, type RepoOptions, setPermission } from "./changes/repos.ts";
import { handleControl } from "./control.ts";
import { FaultInjector, type FaultKind, type FaultOptions, type WriteLimit } from "./faults.ts";
import { createHandler, type RequestLogEntry, type WithheldAnswer } from "./http/handler.ts";
import { Router } from "./http/router.ts";
import type { RepoPermission } from "./model.ts";
import { checkWebhookPayload } from "./openapi/validator.ts";
import { allRoutes } from "./routes/all.ts";
import { ScriptedUser } from "./scripted-user.ts";
import { SandboxState, type WebhookParts } from "./state.ts";
import { type IssueView, viewOf } from "./views.ts";
import {
  type DeliveryMode,
  type DeliveryRecord,
  WebhookQueue,
  type WebhookTarget,
} from "./webhooks/delivery.ts";
import { buildPayload } from "./webhooks/payload.ts";

export { ScriptedUser } from "./scripted-user.ts";
export type { IssueView } from "./views.ts";
export type {
  AdvisoryInput,
  CommitInput,
  DeliveryMode,
  DeliveryRecord,
  FaultKind,
  FaultOptions,
  RepoOptions,
  RepoPermission,
  RequestLogEntry,
  WebhookTarget,
  WriteLimit,
};

export interface SandboxOptions {
  clock?: Clock;
  /** Validate every response against GitHub's OpenAPI description (default true). */
  validate?: boolean;
  webhook?: WebhookTarget;
  faults?: FaultOptions;
  /** Port to listen on (default: any free port). */
  port?: number;
  appId?: number;
}

let sharedKey: string | undefined;

/** One RSA key per process: generating one per sandbox would slow every test for no benefit. */
function appPrivateKey(): string {
  sharedKey ??= generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs1", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  }).privateKey;
  return sharedKey;
}

export class Sandbox {
  readonly appId: number;
  readonly privateKey: string;
  readonly webhookSecret: string;
  readonly requests: RequestLogEntry[] = [];
  readonly validationErrors: string[] = [];
  /** Requests refused with 422 because their body broke GitHub's documented shape (client bugs). */
  readonly requestErrors: string[] = [];
  readonly state: SandboxState;
  url = "";
  private readonly validate: boolean;
  private readonly server: Server;
  private readonly queue: WebhookQueue;
  private readonly faults = new FaultInjector();
  private readonly activity = { inFlight: 0, lastAt: 0 };
  private readonly idleHooks: (() => Promise<void>)[] = [];
  private readonly withheld: WithheldAnswer[] = [];
  private releaseWithheld = () => {};
  private readonly withheldReleased = new Promise<void>((resolve) => {
    this.releaseWithheld = resolve;
  });

  constructor(options: SandboxOptions = {}) {
    this.appId = options.appId ?? 4242;
    this.privateKey = appPrivateKey();
    this.webhookSecret = options.webhook?.secret ?? "sandbox-webhook-secret";
    this.validate = options.validate ?? true;
    this.state = new SandboxState(options.clock ?? systemClock, this.appId);
    this.queue = new WebhookQueue(this.webhookSecret, options.webhook);
    this.state.emit = (event, action, parts) => this.queueEvent(event, action, parts);
    if (options.faults) this.faults.configure(options.faults);
    const handler = createHandler({
      state: this.state,
      router: new Router(allRoutes),
      faults: this.faults,
      validate: this.validate,
      publicKey: appPublicKey(this.privateKey),
      clientId: `Iv1.${this.appId.toString(16).padStart(16, "0")}`,
      requests: this.requests,
      validationErrors: this.validationErrors,
      requestErrors: this.requestErrors,
      activity: this.activity,
      control: (ctx) => handleControl(this, ctx),
      withheld: this.withheld,
    });
    this.server = createServer((req, res) => {
      // Only a connection dropped mid-request gets here; there is nobody left to answer.
      handler(req, res).catch(() => res.destroy());
    });
  }

  async listen(port = 0): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(port, "127.0.0.1", resolve));
    const address = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${address.port}`;
    this.state.apiUrl = this.url;
    return this;
  }

  get deliveries(): DeliveryRecord[] {
    return this.queue.log;
  }

  setWebhook(target: { url: string; secret?: string }): void {
    this.queue.target = { url: target.url, secret: target.secret ?? this.webhookSecret };
  }

  /** Deliver webhooks concurrently and/or shuffled, as GitHub may; default one at a time in order. */
  setDeliveryMode(mode: DeliveryMode): void {
    this.queue.setMode(mode);
  }

  /** Sends a past delivery again with the same id and payload, like "Redeliver" in GitHub's UI. */
  redeliver(deliveryId: string): Promise<{ status: number; body: string }> {
    const past = this.queue.log.find((record) => record.id === deliveryId);
    if (!past) throw new Error(`sandbox: no delivery ${deliveryId} to redeliver`);
    return this.queue.enqueue(past.event, past.payload, past.id);
  }

  setFaults(options: FaultOptions): void {
    this.faults.configure(options);
  }

  /**
   * Serves the next request matching `method` and `path` (its change happens) but never answers
   * it, like a proxy that loses the response: resolves once the change is made. The connection is
   * dropped at close().
   */
  withholdAnswer(method: string, path: RegExp): Promise<void> {
    return new Promise((resolve) => {
      this.withheld.push({
        matches: (m, p) => m === method && path.test(p),
        reached: resolve,
        released: this.withheldReleased,
      });
    });
  }

  /** Plays GitHub's content limit: see WriteLimit; undefined lifts it. */
  limitWrites(limit: WriteLimit | undefined): void {
    this.faults.limitWrites(limit);
  }

  addRepo(fullName: string, options: RepoOptions = {}): void {
    addRepo(this.state, fullName, options);
  }

  setFile(repo: string, path: string, text: string): void {
    this.state.repoNamed(repo).files.set(path.replace(/^\/+/, ""), text);
  }

  deleteFile(repo: string, path: string): void {
    this.state.repoNamed(repo).files.delete(path.replace(/^\/+/, ""));
  }

  /** Tags `sha` (default: the newest commit, or a placeholder when there are none). */
  addTag(repo: string, name: string, sha?: string): void {
    const record = this.state.repoNamed(repo);
    record.tags.push({ name, sha: sha ?? record.commits.at(-1)?.sha ?? "0".repeat(40) });
  }

  /** Publishes a global security advisory (served by GET /advisories). */
  addAdvisory(advisory: AdvisoryInput): void {
    this.state.advisories.push(toAdvisory(this.state, advisory));
  }

  /** Adds a commit to the default branch and returns its SHA. */
  addCommit(repo: string, commit: CommitInput): string {
    return addCommit(this.state, this.state.repoNamed(repo), commit).sha;
  }

  addUser(login: string, options: { type?: "User" | "Bot" } = {}): void {
    this.state.addAccount(login, options.type ?? "User");
  }

  setPermission(repo: string, login: string, permission: RepoPermission): void {
    setPermission(this.state, this.state.repoNamed(repo), login, permission);
  }

  /** A personal access token acting as `login` (created as a user if unknown). */
  createToken(login: string): string {
    return this.state.createToken(login);
  }

  /** An installation token for the app on `owner`, as the app would get from the token endpoint. */
  installationToken(owner: string): string {
    const installation = this.state.installationFor(owner);
    if (!installation) throw new Error(`sandbox: the app is not installed on ${owner}`);
    return this.state.createInstallationToken(installation).token;
  }

  installationId(owner: string): number | undefined {
    return this.state.installationFor(owner)?.id;
  }

  /** Installs the app on `owner` (all its repositories) and sends installation.created or installation_repositories.added. */
  install(owner: string, sender = owner): number {
    return install(this.state, owner, this.state.account(sender)).id;
  }

  as(login: string): ScriptedUser {
    return new ScriptedUser(this.state, this.state.account(login));
  }

  issue(repo: string, number: number): IssueView {
    return viewOf(this.state.issueNumbered(repo, number));
  }

  issues(repo: string): IssueView[] {
    return [...this.state.repoNamed(repo).issues.values()].map(viewOf);
  }

  labels(repo: string): { name: string; color: string; description: string | null }[] {
    return this.state
      .repo(repo)
      .labels.map(({ name, color, description }) => ({ name, color, description }));
  }

  hasLabel(repo: string, name: string): boolean {
    return findLabel(this.state.repoNamed(repo), name) !== undefined;
  }

  /** SARIF documents uploaded to code scanning, decoded, oldest first. */
  sarifUploads(
    repo: string,
  ): { commitSha: string; ref: string; toolName?: string; sarif: unknown }[] {
    return this.state.repoNamed(repo).sarifs.map(({ commitSha, ref, toolName, sarif }) => ({
      commitSha,
      ref,
      toolName,
      sarif: JSON.parse(sarif),
    }));
  }

  file(repo: string, path: string): string | undefined {
    return this.state.repoNamed(repo).files.get(path);
  }

  /** Signs and POSTs a payload to the webhook URL, in order with the sandbox's own deliveries. */
  deliver(event: string, payload: Record<string, unknown>, options: { deliveryId?: string } = {}) {
    return this.queue.enqueue(event, payload, options.deliveryId);
  }

  /** A realistic payload for `event`/`action` with repository, sender and installation from the sandbox. */
  /**
   * A payload for `event`/`action` built from GitHub's example with repository, organization,
   * sender and installation from the sandbox. `repo` and `sender` name them; `issue` may be a
   * number (the sandbox's issue, rendered now) or a JSON object; other fields are copied as given.
   */
  webhookPayload(
    event: string,
    action: string | undefined,
    overrides: Record<string, unknown> & { repo?: string; sender?: unknown; issue?: unknown } = {},
  ) {
    const { repo, sender, issue, ...fields } = overrides;
    const parts: WebhookParts = {
      repo: repo ? this.state.repoNamed(repo) : undefined,
      sender: typeof sender === "string" ? this.state.account(sender) : this.state.bot,
      fields,
    };
    if (typeof issue === "number") {
      if (!repo) throw new Error("webhookPayload: give `repo` with an issue number");
      parts.issue = this.state.issueNumbered(repo, issue);
    } else if (issue !== undefined) {
      fields.issue = issue;
    }
    if (sender !== undefined && typeof sender !== "string") fields.sender = sender;
    return buildPayload(this.state, event, action, parts);
  }

  /**
   * Resolves once no delivery is queued or in flight, including deliveries those deliveries
   * caused, and every receiver registered with `alsoAwait` has finished its queued work.
   */
  async idle(): Promise<void> {
    for (;;) {
      await this.queue.idle();
      for (const wait of this.idleHooks) await wait();
      if (this.queue.isIdle()) return;
    }
  }

  /**
   * Makes idle() also wait for `wait`: for receivers that answer a delivery at once (202) and do
   * the work afterwards, so tests keep one way to say "everything has happened".
   */
  alsoAwait(wait: () => Promise<void>): void {
    this.idleHooks.push(wait);
  }

  /**
   * idle(), and then no API request in flight or arriving for `quietMs` (wall clock). For receivers
   * that answer a delivery before their work is done (e.g. 202 past a deadline) and go on calling
   * the API: pick `quietMs` above the client's longest retry wait. Throws after `timeoutMs`.
   */
  async settled(options: { quietMs?: number; timeoutMs?: number } = {}): Promise<void> {
    const quietMs = options.quietMs ?? 1_000;
    const deadline = Date.now() + (options.timeoutMs ?? 60_000);
    for (;;) {
      await this.idle();
      const quietFor = Date.now() - Math.max(this.activity.lastAt, this.queue.lastDoneAt);
      if (this.activity.inFlight === 0 && quietFor >= quietMs && this.queue.isIdle()) return;
      if (Date.now() > deadline) {
        throw new Error(
          `sandbox: not settled after ${options.timeoutMs ?? 60_000} ms (${this.activity.inFlight} request(s) in flight)`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, Math.max(quietMs - quietFor, 10)));
    }
  }

  resetRequests(): void {
    this.requests.length = 0;
  }

  /** Throws with every OpenAPI mismatch seen so far; tests call it at the end. */
  assertValid(): void {
    if (this.validationErrors.length > 0) {
      throw new Error(
        `sandbox served ${this.validationErrors.length} response(s) that break GitHub's OpenAPI description:\n${this.validationErrors.join("\n")}`,
      );
    }
  }

  async close(): Promise<void> {
    this.releaseWithheld();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private queueEvent(event: string, action: string | undefined, parts: WebhookParts): void {
    const payload = buildPayload(this.state, event, action, parts);
    // The sandbox's own payloads are held to GitHub's webhook schemas like its responses are.
    const problem = this.validate ? checkWebhookPayload(event, action, payload) : undefined;
    if (problem) this.validationErrors.push(problem);
    void this.queue.enqueue(event, payload);
  }
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  return new Sandbox(options).listen(options.port);
}
