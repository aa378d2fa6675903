// Reads the CLI's `--issues FILE.json`: an array of {issue, events, comments} in GitHub REST shapes,
// checked once here so a bad file gets an error naming the entry and field.
import { z } from "zod";
import type { Permission } from "../model/issue.ts";
import { commentFromRest, eventFromRest, issueFromRest } from "../model/rest.ts";
import type { IssueSnapshot } from "./plan.ts";

const isoTime = z.string().refine((text) => Number.isFinite(Date.parse(text)), {
  message: "expected an ISO 8601 time",
});
const user = z.looseObject({ login: z.string(), type: z.string().optional() });

const restIssue = z.looseObject({
  number: z.number().int().positive(),
  created_at: isoTime,
  state: z.enum(["open", "closed"]).optional(),
  closed_at: isoTime.nullable().optional(),
  labels: z.array(z.union([z.string(), z.looseObject({ name: z.string() })])).default([]),
  user: user.nullable().optional(),
  type: z.looseObject({ name: z.string() }).nullable().optional(),
});

const restEvent = z.looseObject({ event: z.string(), created_at: isoTime });
const restComment = z.looseObject({
  id: z.number(),
  created_at: isoTime,
  user: user.nullable(),
  author_association: z.string().optional(),
});

const permission = z.enum(["admin", "maintain", "write", "triage", "read", "none"]);

const entry = z.strictObject({
  issue: restIssue,
  events: z.array(restEvent).default([]),
  comments: z.array(restComment).default([]),
  permissions: z
    .record(z.string(), permission)
    .optional()
    .describe("Repository permission per login, when author_association is not enough."),
});

export const issuesFileSchema = z.array(entry);

// REST comments carry the author's association, not their permission: OWNER and COLLABORATOR are
// people with at least write access; MEMBER (of the organisation) is assumed to triage.
const ASSOCIATION_PERMISSION: Record<string, Permission> = {
  OWNER: "admin",
  COLLABORATOR: "write",
  MEMBER: "triage",
};

export type IssuesFileResult =
  | { ok: true; snapshots: IssueSnapshot[] }
  | { ok: false; problems: string[] };

export function parseIssuesFile(text: string, file: string): IssuesFileResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [`${file}: not JSON: ${(error as Error).message}`] };
  }
  const parsed = issuesFileSchema.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map(
        (issue) =>
          `${file}: ${
            issue.path
              .map((part) => (typeof part === "number" ? `[${part}]` : `.${String(part)}`))
              .join("")
              .replace(/^\./, "") || "(top level)"
          }: ${issue.message}`,
      ),
    };
  }
  return { ok: true, snapshots: parsed.data.map(toSnapshot) };
}

function toSnapshot(raw: z.infer<typeof entry>): IssueSnapshot {
  const permissions = new Map<string, Permission>();
  const author = raw.issue.user?.login;
  const authorLevel = ASSOCIATION_PERMISSION[String(raw.issue.author_association ?? "")];
  if (author && authorLevel) permissions.set(author, authorLevel);
  for (const comment of raw.comments) {
    const granted = ASSOCIATION_PERMISSION[comment.author_association ?? ""];
    if (comment.user && granted) permissions.set(comment.user.login, granted);
  }
  for (const [login, level] of Object.entries(raw.permissions ?? {})) permissions.set(login, level);
  return {
    issue: issueFromRest(raw.issue),
    type: raw.issue.type?.name ?? null,
    events: raw.events.map(eventFromRest),
    comments: raw.comments.map(commentFromRest),
    permissions,
  };
}
