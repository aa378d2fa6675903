// GitCommit values for core tests: newest first, as git log reports them, with distinct shas.
import { createHash } from "node:crypto";
import type { GitCommit } from "../../core/release-notes/commit.ts";

export function commitsOf(
  messages: string[],
  salt = "",
  author = { name: "Alice", email: "alice@example.com" },
): GitCommit[] {
  return messages.map((message, index) => ({
    hash: createHash("sha1").update(`${salt}${index}${message}`).digest("hex"),
    parents: [],
    authorName: author.name,
    authorEmail: author.email,
    date: "2025-01-01T00:00:00Z",
    message,
  }));
}
