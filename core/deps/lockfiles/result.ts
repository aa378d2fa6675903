// Collects one file's packages, problems and unscannable entries as a parser finds them.
import type { Ecosystem, LockedPackage, LockfileParseResult, ParseProblem } from "../package.ts";
import { MAX_LOCKFILE_ENTRIES, tooManyEntriesMessage } from "./limits.ts";

export interface FoundPackage {
  name: string;
  version: string;
  scope: "prod" | "dev";
  direct: boolean;
  line?: number;
  /** The installed-as name when the lockfile records the package under an alias. */
  alias?: string;
}

export class ParseResultBuilder {
  readonly file: string;
  readonly ecosystem: Ecosystem;
  readonly packages: LockedPackage[] = [];
  readonly problems: ParseProblem[] = [];
  readonly unscannable: NonNullable<LockfileParseResult["unscannable"]> = [];
  #overBudget = false;

  constructor(file: string, ecosystem: Ecosystem) {
    this.file = file;
    this.ecosystem = ecosystem;
  }

  add(found: FoundPackage, ecosystem = this.ecosystem, file = this.file): void {
    if (this.packages.length >= MAX_LOCKFILE_ENTRIES) {
      if (!this.#overBudget) this.problem(tooManyEntriesMessage(), found.line);
      this.#overBudget = true;
      return;
    }
    const location = found.line === undefined ? { file } : { file, line: found.line };
    const { name, version, scope, direct, alias } = found;
    const entry: LockedPackage = { ecosystem, name, version, scope, direct, location };
    if (alias !== undefined && alias !== name) entry.alias = alias;
    this.packages.push(entry);
  }

  problem(message: string, line?: number): this {
    this.problems.push(
      line === undefined ? { file: this.file, message } : { file: this.file, line, message },
    );
    return this;
  }

  skip(name: string, reason: string, line?: number, file?: string): void {
    if (this.unscannable.length >= MAX_LOCKFILE_ENTRIES) return;
    const entry: (typeof this.unscannable)[number] = { name, reason };
    if (line !== undefined) entry.line = line;
    if (file !== undefined && file !== this.file) entry.file = file;
    this.unscannable.push(entry);
  }

  build(): LockfileParseResult {
    const result: LockfileParseResult = { packages: this.packages, problems: this.problems };
    if (this.unscannable.length > 0) result.unscannable = this.unscannable;
    return result;
  }
}
