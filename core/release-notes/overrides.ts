// Per-commit overrides kept in the repository (.github/release-notes-overrides.yml by default), so a
// maintainer can reword, hide or re-type an entry and get the same notes offline, every time:
//
//   a1b2c3d:            # commit sha, 7 or more characters
//     subject: Clearer words for the notes
//     type: fix         # re-type (moves the entry to another section and changes the bump)
//     scope: api        # "" removes the scope
//     breaking: false   # or a note text; false drops breaking notes
//     hide: true
import { isMap, isScalar, LineCounter, parseDocument } from "yaml";
import { z } from "zod";
import type { ReleaseEntry } from "./commit.ts";

const overrideSchema = z.strictObject({
  subject: z.string().min(1).optional(),
  type: z
    .string()
    .min(1)
    .transform((type) => type.toLowerCase())
    .optional(),
  scope: z.string().optional(),
  breaking: z.union([z.literal(false), z.string().min(1)]).optional(),
  hide: z.boolean().optional(),
});

export type EntryOverride = z.infer<typeof overrideSchema>;

export interface OverrideProblem {
  file: string;
  line?: number;
  key: string;
  message: string;
}

export type OverridesResult =
  | { ok: true; overrides: Map<string, EntryOverride> }
  | { ok: false; problems: OverrideProblem[] };

const SHA = /^[0-9a-f]{7,40}$/;

export function parseOverrides(text: string, file: string): OverridesResult {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const error = doc.errors[0];
    const line = error ? lines.linePos(error.pos[0]).line : undefined;
    return {
      ok: false,
      problems: [
        { file, line, key: "", message: `YAML syntax error: ${error?.message.split("\n")[0]}` },
      ],
    };
  }
  if (doc.contents === null) return { ok: true, overrides: new Map() };
  if (!isMap(doc.contents))
    return {
      ok: false,
      problems: [
        { file, line: 1, key: "", message: "expected a mapping of commit shas to overrides" },
      ],
    };
  const overrides = new Map<string, EntryOverride>();
  const problems: OverrideProblem[] = [];
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value).toLowerCase() : "";
    const line = lines.linePos((pair.key as { range?: number[] })?.range?.[0] ?? 0).line;
    if (!SHA.test(key)) {
      problems.push({
        file,
        line,
        key,
        message: `"${key}" is not a commit sha (7–40 hex characters)`,
      });
      continue;
    }
    const parsed = overrideSchema.safeParse(
      (pair.value as { toJSON?: () => unknown })?.toJSON?.() ?? pair.value,
    );
    if (parsed.success) overrides.set(key, parsed.data);
    else
      for (const issue of parsed.error.issues)
        problems.push({
          file,
          line,
          key: [key, ...issue.path].join("."),
          message: describe(issue),
        });
  }
  return problems.length ? { ok: false, problems } : { ok: true, overrides };
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === "unrecognized_keys")
    return `unknown key(s) ${issue.keys.join(", ")}; expected subject, type, scope, breaking or hide`;
  return issue.message;
}

export function formatOverrideProblem(problem: OverrideProblem): string {
  return `${problem.file}${problem.line ? `:${problem.line}` : ""}${problem.key ? ` at ${problem.key}` : ""}: ${problem.message}`;
}

export function applyOverrides(
  entries: ReleaseEntry[],
  overrides: Map<string, EntryOverride>,
): ReleaseEntry[] {
  if (overrides.size === 0) return entries;
  const result: ReleaseEntry[] = [];
  for (const entry of entries) {
    const override = findOverride(entry.hash, overrides);
    if (!override) result.push(entry);
    else if (!override.hide) result.push(overridden(entry, override));
  }
  return result;
}

function findOverride(
  hash: string,
  overrides: Map<string, EntryOverride>,
): EntryOverride | undefined {
  for (const [sha, override] of overrides) if (hash.startsWith(sha)) return override;
  return undefined;
}

function overridden(entry: ReleaseEntry, override: EntryOverride): ReleaseEntry {
  const breaking =
    override.breaking === false
      ? []
      : override.breaking !== undefined
        ? [override.breaking]
        : entry.breaking;
  return {
    ...entry,
    subject: override.subject ?? entry.subject,
    type: override.type ?? entry.type,
    scope: override.scope === undefined ? entry.scope : override.scope || undefined,
    breaking,
  };
}
