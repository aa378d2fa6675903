// Stable identities for findings: a moved line keeps its fingerprint, so baselines and code
// scanning alerts survive unrelated edits above the finding.
import { createHash } from "node:crypto";
import type { Finding } from "./finding.ts";

export function normaliseSnippet(text: string): string {
  return text.replace(/\s+/g, " ").trim().slice(0, 500);
}

/** Fills `fingerprint`: rule + path + normalised snippet + index among identical ones. */
export function assignFingerprints<T extends Omit<Finding, "fingerprint">>(
  findings: T[],
  matchedText: (finding: T) => string,
): (T & { fingerprint: string })[] {
  const occurrences = new Map<string, number>();
  const ordered = [...findings].sort(
    (a, b) => a.startLine - b.startLine || a.startColumn - b.startColumn,
  );
  return ordered.map((finding) => {
    const key = `${finding.ruleId}\u0000${finding.path}\u0000${normaliseSnippet(matchedText(finding))}`;
    const index = occurrences.get(key) ?? 0;
    occurrences.set(key, index + 1);
    const fingerprint = createHash("sha256")
      .update(`${key}\u0000${index}`)
      .digest("hex")
      .slice(0, 32);
    return { ...finding, fingerprint };
  });
}
