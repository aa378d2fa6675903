// Repositories, their files and collaborators, and the app's installations on their owners.
import type { Account, Installation, Repo, RepoPermission } from "../model.ts";
import type { SandboxState } from "../state.ts";
import { DEFAULT_LABELS } from "./labels.ts";

export interface RepoOptions {
  defaultBranch?: string;
  files?: Record<string, string>;
  /** Install the app on the owner (one installation per owner); default true. */
  installed?: boolean;
  /** Create GitHub's nine default labels (bug, enhancement, …); default true. */
  defaultLabels?: boolean;
  /** Owner account type when the owner is new; default "Organization". */
  ownerType?: "User" | "Organization";
}

export function addRepo(state: SandboxState, fullName: string, options: RepoOptions = {}): Repo {
  const [ownerLogin, name, extra] = fullName.split("/");
  if (!ownerLogin || !name || extra !== undefined) {
    throw new Error(`addRepo: "${fullName}" is not "owner/name"`);
  }
  const existing = state.repos.get(fullName.toLowerCase());
  if (existing) throw new Error(`addRepo: ${fullName} already exists`);
  const owner =
    state.findAccount(ownerLogin) ??
    state.addAccount(ownerLogin, options.ownerType ?? "Organization");
  const at = state.now();
  const repo: Repo = {
    id: state.id(),
    owner,
    name,
    fullName: `${owner.login}/${name}`,
    defaultBranch: options.defaultBranch ?? "main",
    files: new Map(Object.entries(options.files ?? {})),
    labels: [],
    issues: new Map(),
    nextNumber: 1,
    permissions: new Map(),
    releases: [],
    tags: [],
    sarifs: [],
    commits: [],
    createdAt: at,
    updatedAt: at,
  };
  if (options.defaultLabels ?? true) {
    for (const [label, color, description] of DEFAULT_LABELS) {
      repo.labels.push({ id: state.id(), name: label, color, description, isDefault: true });
    }
  }
  state.repos.set(repo.fullName.toLowerCase(), repo);
  if (options.installed ?? true) {
    const installation = state.installationFor(owner.login) ?? state.createInstallation(owner);
    installation.repos.add(repo.fullName.toLowerCase());
  }
  return repo;
}

export function setPermission(
  state: SandboxState,
  repo: Repo,
  login: string,
  permission: RepoPermission,
): Account {
  const user = state.account(login);
  repo.permissions.set(login.toLowerCase(), permission);
  return user;
}

/**
 * Installs the app on `owner` as a user would in the UI: a new installation announces
 * installation.created; repositories added to an existing one announce installation_repositories.added.
 */
export function install(state: SandboxState, ownerLogin: string, sender: Account): Installation {
  const owner = state.findAccount(ownerLogin) ?? state.addAccount(ownerLogin, "Organization");
  const owned = [...state.repos.values()].filter((repo) => repo.owner === owner);
  const existing = state.installationFor(owner.login);
  const installation = existing ?? state.createInstallation(owner);
  const added = owned.filter((repo) => !installation.repos.has(repo.fullName.toLowerCase()));
  for (const repo of added) installation.repos.add(repo.fullName.toLowerCase());
  const summaries = (existing ? added : owned).map((repo) => ({
    id: repo.id,
    node_id: nodeId("R", repo.id),
    name: repo.name,
    full_name: repo.fullName,
    private: false,
  }));
  if (!existing) {
    state.emit("installation", "created", {
      sender,
      installation,
      fields: { repositories: summaries },
    });
  } else if (summaries.length > 0) {
    state.emit("installation_repositories", "added", {
      sender,
      installation,
      fields: {
        requester: null,
        repository_selection: "selected",
        repositories_added: summaries,
        repositories_removed: [],
      },
    });
  }
  return installation;
}

export function nodeId(prefix: string, id: number): string {
  return Buffer.from(`${prefix}_${id}`).toString("base64");
}
