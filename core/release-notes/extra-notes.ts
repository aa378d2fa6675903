// The two renderings the maintenance plan asks for besides the changelog: patch release notes
// (fixes and security fixes, with the components they touch) and enhancement release notes (features).
import type { ReleaseEntry } from "./commit.ts";
import type { ReleaseNotesConfig } from "./config.ts";
import type { LinkBuilder } from "./links.ts";
import { renderEntry } from "./markdown.ts";

export function isSecurityFix(entry: ReleaseEntry): boolean {
  return entry.type === "security" || entry.advisories.length > 0;
}

export function renderPatchNotes(
  version: string,
  entries: ReleaseEntry[],
  config: ReleaseNotesConfig,
  links?: LinkBuilder,
): string {
  const wanted = new Set(config.patchSections);
  const security = entries.filter(isSecurityFix);
  const fixes = entries.filter((entry) => wanted.has(entry.type) && !isSecurityFix(entry));
  const lines = [`## ${version} patch release notes`];
  if (security.length + fixes.length === 0) return `${lines[0]}\n\nNo fixes in this release.\n`;
  if (security.length > 0) {
    lines.push("", "### Security fixes", "");
    for (const entry of sorted(security))
      lines.push(`${renderEntry(entry, links)}${advisoryNote(entry)}`);
  }
  if (fixes.length > 0)
    lines.push("", "### Bug fixes", "", ...sorted(fixes).map((entry) => renderEntry(entry, links)));
  lines.push(...componentsLine([...security, ...fixes]));
  return `${lines.join("\n")}\n`;
}

export function renderEnhancementNotes(
  version: string,
  entries: ReleaseEntry[],
  config: ReleaseNotesConfig,
  links?: LinkBuilder,
): string {
  const wanted = new Set(config.enhancementSections);
  const features = entries.filter((entry) => wanted.has(entry.type));
  if (features.length === 0)
    return `## ${version} enhancement release notes\n\nNo new features in this release.\n`;
  const lines = [`## ${version} enhancement release notes`, "", "### Features", ""];
  lines.push(
    ...sorted(features).map((entry) => renderEntry(entry, links)),
    ...componentsLine(features),
  );
  return `${lines.join("\n")}\n`;
}

function advisoryNote(entry: ReleaseEntry): string {
  return entry.advisories.length ? ` (${entry.advisories.join(", ")})` : "";
}

/** The components a rendering touches are the scopes of its entries. */
function componentsLine(entries: ReleaseEntry[]): string[] {
  const scopes = [
    ...new Set(entries.flatMap((entry) => (entry.scope ? entry.scope.split(/\s*,\s*/) : []))),
  ].sort();
  return scopes.length ? ["", `Affected components: ${scopes.join(", ")}`] : [];
}

function sorted(entries: ReleaseEntry[]): ReleaseEntry[] {
  return [...entries].sort((a, b) =>
    `${a.scope ?? ""}${a.subject}`.localeCompare(`${b.scope ?? ""}${b.subject}`),
  );
}
