// What every lockfile parser produces and every advisory matcher consumes.

/** OSV ecosystem names (https://ossf.github.io/osv-schema/#affectedpackage-field). */
export type Ecosystem =
  | "npm"
  | "PyPI"
  | "Go"
  | "crates.io"
  | "RubyGems"
  | "Packagist"
  | "NuGet"
  | "Maven"
  | "Pub"
  | "Hex";

export interface PackageLocation {
  /** Path of the lockfile relative to the scanned root, with forward slashes. */
  file: string;
  /** 1-based line of the package's entry in the lockfile, when known. */
  line?: number;
  column?: number;
}

export interface LockedPackage {
  ecosystem: Ecosystem;
  name: string;
  version: string;
  /** dev: only needed to develop or test (devDependencies, dev groups); prod otherwise. */
  scope: "prod" | "dev";
  /** Declared by the project itself rather than pulled in by another package. */
  direct: boolean;
  location: PackageLocation;
  /**
   * The name the project installs it under when that differs from the real name (`"foo":
   * "npm:bar@1.2.3"` installs bar as foo). `name` is the real one, which advisories name.
   */
  alias?: string;
}

/** A problem in one file; the scan goes on with the other files and reports itself incomplete. */
export interface ParseProblem {
  file: string;
  line?: number;
  message: string;
}

export interface LockfileParseResult {
  packages: LockedPackage[];
  problems: ParseProblem[];
  /**
   * Entries seen but not scannable (e.g. unpinned requirements), reported rather than guessed.
   * `file` is set when the entry sits in another file than the one parsed (a `-r` include).
   */
  unscannable?: { name: string; reason: string; line?: number; file?: string }[];
}

/**
 * What a parser may read besides the lockfile: manifests next to it (package.json, pyproject.toml)
 * that say which packages are direct or dev, and files a requirements.txt includes with `-r`.
 */
export interface ParseContext {
  /** Text of a file by path relative to the lockfile's directory; undefined when absent or unreadable. */
  readRelative(path: string): string | undefined;
}

/** One module per lockfile format implements this. */
export interface LockfileParser {
  /** Human name, e.g. "npm package-lock.json". */
  format: string;
  /** Whether this parser handles a file, by its path (basename and, where needed, content sniffing). */
  matches(path: string): boolean;
  /** Never throws for bad input: problems come back in the result. */
  parse(path: string, content: string, context?: ParseContext): LockfileParseResult;
}
