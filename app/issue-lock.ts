// One lock for everything Upkeep's handlers do to a single issue in this process: concurrent
// deliveries about the same issue run one after another and each sees the previous one's writes.
import type { RepoRef } from "../github/port.ts";
import { KeyedLock } from "./keyed-lock.ts";

class IssueLock extends KeyedLock {
  key(repo: RepoRef, number: number): string {
    return `${repo.owner}/${repo.repo}#${number}`.toLowerCase();
  }
}

export const issueLock = new IssueLock();
