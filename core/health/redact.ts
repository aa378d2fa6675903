// What a probe may show in issues, logs and summaries: its URL without credentials, its messages
// without any secret value it was given. Issues can be public; probe targets often carry keys.

const MASK = "***";

/** Query parameters whose values are credentials by their name (case-insensitive, substring). */
const SECRET_PARAM = /token|key|sig|secret|pass|auth|credential|session|code|jwt/i;

/** The URL with user:password@ and credential-like query values replaced by ***. */
export function redactUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return text.replace(/\/\/[^/@\s]*@/, `//${MASK}@`);
  }
  if (url.username || url.password) {
    url.username = MASK;
    url.password = "";
  }
  for (const name of [...url.searchParams.keys()]) {
    if (SECRET_PARAM.test(name)) url.searchParams.set(name, MASK);
  }
  // URLSearchParams encodes "*": keep the mask readable.
  return url.toString().replaceAll("%2A%2A%2A", MASK);
}

/** `text` with every occurrence of each secret (3+ characters) replaced by ***. */
export function redactSecrets(text: string, secrets: Iterable<string>): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length >= 3) result = result.split(secret).join(MASK);
  }
  return result;
}

/** The default for which environment variables probe headers may read. */
export const DEFAULT_PROBE_ENV = ["UPKEEP_PROBE_*"];

/** Never readable by a probe, whatever the allowlist says: the runner's and GitHub's own secrets. */
const NEVER = /^(INPUT_|ACTIONS_|RUNNER_|GITHUB_)/;

/** Allowlist entries are exact names or a prefix ending in `*`. */
export function probeEnvAllowed(name: string, allowlist: readonly string[]): boolean {
  if (NEVER.test(name)) return false;
  return allowlist.some((entry) =>
    entry.endsWith("*") ? name.startsWith(entry.slice(0, -1)) : name === entry,
  );
}

/** Reads "UPKEEP_PROBE_*, STATUS_TOKEN" or one entry per line. */
export function parseProbeEnvList(text: string): string[] {
  const entries = text
    .split(/[\s,]+/)
    .map((entry) => entry.trim())
    .filter(Boolean);
  return entries.length > 0 ? entries : DEFAULT_PROBE_ENV;
}
