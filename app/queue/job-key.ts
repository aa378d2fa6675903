// Which job a delivery joins: everything about one issue or pull request of one installation's
// repository is one job (a burst of edits, labels and comments runs as one, in order);
// repository-wide events (push, alerts) share the repository's job, the rest the installation's.

interface KeyedPayload {
  installation?: { id?: number };
  repository?: { full_name?: string };
  issue?: { number?: number };
  pull_request?: { number?: number };
}

export function jobKey(payload: unknown): string {
  const fields = (payload ?? {}) as KeyedPayload;
  const installation = String(fields.installation?.id ?? "app");
  const repo = fields.repository?.full_name?.toLowerCase();
  if (!repo) return installation;
  const number = fields.issue?.number ?? fields.pull_request?.number;
  return number === undefined ? `${installation}/${repo}` : `${installation}/${repo}#${number}`;
}

/** The installation a job key belongs to (its write budget). */
export function installationOfKey(key: string): string {
  return key.split("/")[0] ?? "app";
}
