// The advisory shape matching works on: an OSV record (https://ossf.github.io/osv-schema/) reduced
// to what a scan needs, whichever source it came from.
import type { Ecosystem } from "../package.ts";

export type RangeEvent =
  | { introduced: string }
  | { fixed: string }
  | { last_affected: string }
  | { limit: string };

export interface AffectedRange {
  type: "SEMVER" | "ECOSYSTEM";
  events: RangeEvent[];
}

export interface AffectedPackage {
  ecosystem: Ecosystem;
  name: string;
  ranges: AffectedRange[];
  /** Explicitly listed affected versions. */
  versions: string[];
}

export interface SeverityScore {
  /** "CVSS_V2", "CVSS_V3", "CVSS_V4" or another OSV severity type. */
  type: string;
  /** A vector string (or a bare score). */
  score: string;
}

export interface Advisory {
  id: string;
  aliases: string[];
  summary?: string;
  modified?: string;
  published?: string;
  withdrawn?: string;
  severity: SeverityScore[];
  /** A label the database gives (GitHub: "LOW"…"CRITICAL", "MODERATE"), used when no vector scores. */
  databaseSeverity?: string;
  /** The advisory's own page, when the record names one. */
  url?: string;
  affected: AffectedPackage[];
}

/** A problem found in an advisory source; the scan goes on without the broken part. */
export interface SourceProblem {
  /** The database file, or file and record, e.g. "PyPI/all.zip:PYSEC-2021-1.json". */
  file: string;
  message: string;
  /**
   * Package keys the problem concerns (a broken record's packages). Absent for problems with the
   * database as a whole (an unreadable zip), which concern every scan.
   */
  packages?: string[];
}

/** What identifies the advisory data a scan used, so a report can say exactly what it checked. */
export interface DatabaseIdentity {
  source: string;
  records: number;
  /** The newest `modified` timestamp among the records, when any has one. */
  newestModified?: string;
  /** SHA-256 of the database content. */
  contentHash: string;
}
