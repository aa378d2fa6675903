// One logical line of a pip requirements file, classified: an option (-r, -e, --index-url…),
// a requirement pinned to one version, or a requirement pip would resolve at install time.
import { pep503 } from "./names.ts";

export type RequirementLine =
  | { kind: "include"; path: string }
  | { kind: "ignored" }
  | { kind: "pinned"; name: string; version: string }
  | { kind: "unpinned"; name: string; reason: string }
  | { kind: "invalid"; reason: string };

const INCLUDE = /^(?:-r|--requirement)(?:\s*=\s*|\s+|(?=\S))(\S+)$/;
const EDITABLE = /^(?:-e|--editable)(?:\s*=\s*|\s+)(\S+)/;
const NAME_AND_REST = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[[^\]]*\])?\s*(.*)$/;

export function classifyRequirement(text: string): RequirementLine {
  const include = INCLUDE.exec(text);
  if (include) return { kind: "include", path: include[1]! };
  const editable = EDITABLE.exec(text);
  if (editable)
    return {
      kind: "unpinned",
      name: editable[1]!,
      reason: "editable install (-e): local or VCS code",
    };
  // Constraints files (-c) only narrow versions of what is installed, and the rest are pip options.
  if (text.startsWith("-")) return { kind: "ignored" };
  const requirement = withoutOptions(text).split(";")[0]!.trim();
  if (/^(\.|\/|[a-z+]+:\/\/|git\+)/i.test(requirement))
    return { kind: "unpinned", name: requirement, reason: "a path or URL, not a registry version" };
  const parts = NAME_AND_REST.exec(requirement);
  if (!parts)
    return {
      kind: "invalid",
      reason: `cannot read ${JSON.stringify(requirement)} as a requirement`,
    };
  return specifierVerdict(pep503(parts[1]!), parts[2]!.trim());
}

function specifierVerdict(name: string, specifiers: string): RequirementLine {
  if (specifiers.startsWith("@"))
    return { kind: "unpinned", name, reason: "a direct URL reference, not a registry version" };
  if (specifiers === "")
    return { kind: "unpinned", name, reason: "no version pinned (any version)" };
  const clauses = specifiers
    .replace(/^\(|\)$/g, "")
    .split(",")
    .map((clause) => clause.trim());
  const pinned = clauses.length === 1 ? /^===?\s*([^\s*]+)$/.exec(clauses[0]!) : null;
  if (pinned) return { kind: "pinned", name, version: pinned[1]! };
  return { kind: "unpinned", name, reason: `not pinned to one version (${specifiers})` };
}

/** Drops per-requirement options (`--hash=…`, `--config-settings …`) that follow the requirement. */
function withoutOptions(text: string): string {
  const option = text.search(/\s--?[a-z]/i);
  return option === -1 ? text : text.slice(0, option);
}
