// Upkeep's replies to `/severity` commands. Each carries a hidden marker so a redelivered comment
// event finds the reply it already got instead of posting another. No reply mentions anyone.
import { severityNames } from "../config/fields.ts";
import type { Permission } from "../model/issue.ts";
import { codeSpan } from "../text/untrusted-markdown.ts";

export function replyMarker(kind: "usage" | "refused", key: string | number): string {
  return `<!-- upkeep:severity-${kind}:${String(key)
    .toLowerCase()
    .replace(/[^a-z0-9_.[\]-]/g, "")} -->`;
}

const VALID = severityNames.map((name) => `\`/severity ${name}\``).join(", ");

export function unknownLevelReply(commentId: number, given: string | undefined): string {
  const what =
    given === undefined ? "needs a level" : `does not know the level ${codeSpan(given, 30)}`;
  return [replyMarker("usage", commentId), `\`/severity\` ${what}. Valid commands: ${VALID}.`].join(
    "\n",
  );
}

export function refusalReply(login: string, needed: Permission): string {
  return [
    replyMarker("refused", login),
    `Thanks for the suggestion! Only people with ${needed} permission or more on this repository can set the severity, so it stays as it is. A maintainer will take a look.`,
  ].join("\n");
}
