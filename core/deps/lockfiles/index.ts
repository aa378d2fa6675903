// Every lockfile format Upkeep reads. Adding a format means adding its module and one line here.
import type { LockfileParseResult, LockfileParser, ParseContext } from "../package.ts";
import { cargoLockParser } from "./cargo.ts";
import { composerLockParser } from "./composer.ts";
import { cyclonedxParser } from "./cyclonedx.ts";
import { gemfileLockParser } from "./gemfile.ts";
import { goModParser } from "./gomod.ts";
import { gradleLockParser } from "./gradle.ts";
import { MAX_LOCKFILE_BYTES, tooLargeMessage } from "./limits.ts";
import { mavenPomParser } from "./maven.ts";
import { npmLockParser } from "./npm.ts";
import { nugetLockParser } from "./nuget.ts";
import { pipfileLockParser } from "./pipfile.ts";
import { pnpmLockParser } from "./pnpm.ts";
import { poetryLockParser } from "./poetry.ts";
import { pubspecLockParser } from "./pubspec.ts";
import { requirementsParser } from "./requirements.ts";
import { spdxParser } from "./spdx.ts";
import { uvLockParser } from "./uv.ts";
import { yarnLockParser } from "./yarn.ts";

export const lockfileParsers: readonly LockfileParser[] = [
  npmLockParser,
  yarnLockParser,
  pnpmLockParser,
  requirementsParser,
  poetryLockParser,
  pipfileLockParser,
  uvLockParser,
  goModParser,
  cargoLockParser,
  gemfileLockParser,
  composerLockParser,
  nugetLockParser,
  mavenPomParser,
  gradleLockParser,
  pubspecLockParser,
  cyclonedxParser,
  spdxParser,
];

/** The parser for a path, by its name; undefined when no format claims it. */
export function parserFor(path: string): LockfileParser | undefined {
  return lockfileParsers.find((parser) => parser.matches(path));
}

/**
 * Parses one lockfile's text with the size cap applied. Parsers report bad input as problems;
 * this also turns a parser bug into a problem, so one file can never stop a scan of the others.
 */
export function parseLockfileText(
  parser: LockfileParser,
  path: string,
  content: string,
  context?: ParseContext,
  maxBytes = MAX_LOCKFILE_BYTES,
): LockfileParseResult {
  // A UTF-8 character is at most 3 bytes per UTF-16 unit, so short texts skip the byte count.
  const bytes = content.length * 3 <= maxBytes ? 0 : Buffer.byteLength(content, "utf8");
  if (bytes > maxBytes) return refused(path, tooLargeMessage(bytes, maxBytes));
  const text = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
  try {
    return parser.parse(path, text, context);
  } catch (error) {
    return refused(path, `could not be read as ${parser.format}: ${(error as Error).message}`);
  }
}

function refused(file: string, message: string): LockfileParseResult {
  return { packages: [], problems: [{ file, message }] };
}
