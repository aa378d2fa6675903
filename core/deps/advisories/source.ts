// One interface for every advisory database: the offline OSV files, the OSV API and GitHub's
// global advisories. A source answers for a set of packages; matching versions is done elsewhere.
import type { Ecosystem } from "../package.ts";
import type { Advisory, DatabaseIdentity, SourceProblem } from "./advisory.ts";

export interface PackageQuery {
  ecosystem: Ecosystem;
  name: string;
  version: string;
}

export interface SourceAnswer {
  /** Advisories that name any queried package; they may not affect the queried version. */
  advisories: Advisory[];
  problems: SourceProblem[];
  identity: DatabaseIdentity;
}

export interface AdvisorySource {
  /** Short name for messages, e.g. "osv-offline", "osv-api", "github". */
  readonly kind: string;
  lookup(queries: PackageQuery[]): Promise<SourceAnswer>;
}
