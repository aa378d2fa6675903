// Creates that happen once. Every issue or comment Upkeep creates for a purpose has a deterministic
// key ("rca:incident:12", "sla-status:7"); the body carries its hash and the writer's identity in a
// stamp. Before creating, the port looks for what it wrote with that key and adopts it. A POST that
// fails ambiguously (5xx, timeout, reset: the write may have landed) is never retried blindly: the
// port looks again first, and only creates again when nothing is there.
import { createHash } from "node:crypto";
import { createStamp } from "../core/tracking/markers.ts";

export interface CreateOnceSteps<T> {
  /** What already carries the key and was written by this identity, if anything. */
  find(afterFailure: boolean): Promise<T | undefined>;
  /** One create, with the client's own retries off (a retried POST is a second create). */
  attempt(): Promise<T>;
}

export interface CreateOnceOptions {
  /** Creates tried in all (default 4). */
  attempts?: number;
  /** Wait before creating again after a look found nothing, times the attempt (default 500). */
  waitMs?: number;
  /** The caller looked a moment ago: skip the first look. */
  skipFirstLook?: boolean;
}

/** The key as it is stamped: one lowercase word, so a search for it matches it alone. */
export function keyHash(key: string): string {
  return `upkeep${createHash("sha256").update(key).digest("hex").slice(0, 24)}`;
}

export function stampBody(body: string, key: string, login: string): string {
  return `${body}\n${createStamp(keyHash(key), login)}`;
}

export function carriesKey(body: string, key: string): boolean {
  return body.includes(`<!-- upkeep:key id=${keyHash(key)} `);
}

/** 5xx, or no answer at all: the write may have happened. 4xx means it did not. */
export function isAmbiguousFailure(error: unknown): boolean {
  const status = (error as { status?: number }).status;
  return status === undefined || status >= 500;
}

export async function createOnce<T>(
  steps: CreateOnceSteps<T>,
  options: CreateOnceOptions = {},
): Promise<T> {
  const attempts = options.attempts ?? 4;
  const waitMs = options.waitMs ?? 500;
  const existing = options.skipFirstLook ? undefined : await steps.find(false);
  if (existing !== undefined) return existing;
  for (let attempt = 1; ; attempt++) {
    try {
      return await steps.attempt();
    } catch (error) {
      if (!isAmbiguousFailure(error) || attempt >= attempts) throw error;
      const landed = await steps.find(true);
      if (landed !== undefined) return landed;
      await new Promise((resolve) => setTimeout(resolve, waitMs * attempt));
    }
  }
}
