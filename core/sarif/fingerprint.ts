// Stable result identities. A fingerprint hashes what makes a finding itself (rule, artifact,
// subject), never line numbers or timestamps, so it survives edits elsewhere in the file.
import { createHash } from "node:crypto";
import type { SarifLog } from "./types.ts";

/** A hex SHA-256 over the parts, joined so that ("a","bc") and ("ab","c") differ. */
export function fingerprintOf(parts: readonly string[]): string {
  return createHash("sha256")
    .update(parts.map((part) => `${part.length}:${part}|`).join(""))
    .digest("hex");
}

/** Every fingerprint value named `key` in a log (a baseline), for "only new findings" checks. */
export function fingerprintsIn(log: SarifLog, key: string): Set<string> {
  const found = new Set<string>();
  for (const run of log.runs ?? []) {
    for (const result of run.results ?? []) {
      const value = result.fingerprints?.[key] ?? result.partialFingerprints?.[key];
      if (typeof value === "string") found.add(value);
    }
  }
  return found;
}
