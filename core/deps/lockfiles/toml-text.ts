// TOML lockfiles (poetry, uv, Cargo): parse with smol-toml; each `[[package]]` table's line comes
// from the headers in the text, which appear in the same order as the parsed array.
import { parse, TomlError } from "smol-toml";
import type { ParseResultBuilder } from "./result.ts";
import { linesWhere } from "./text-lines.ts";

export function parseTomlText(
  content: string,
  result: ParseResultBuilder,
): Record<string, unknown> | undefined {
  try {
    return parse(content) as Record<string, unknown>;
  } catch (error) {
    const line = error instanceof TomlError ? error.line : undefined;
    const summary = (error as Error).message.split("\n")[0]!;
    result.problem(`malformed TOML: ${summary}`, line);
    return undefined;
  }
}

/** Lines of each `[[name]]` array-of-tables header, in order. */
export function tableArrayLines(content: string, name: string): number[] {
  const header = `[[${name}]]`;
  return linesWhere(content, (line) => line.trim() === header);
}

/** TOML parsed without throwing, for manifests read only to learn direct dependencies. */
export function tryParseToml(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    return parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

export interface PackageIdentity {
  name: string;
  /** "" when the table records none (a project whose version is dynamic). */
  version: string;
}

/**
 * A `[[package]]` table's name and version, or undefined after a problem at its line when either
 * is not a string (`name = 5` is a broken lockfile, not a package called "5").
 */
export function packageIdentity(
  entry: Record<string, unknown>,
  line: number | undefined,
  result: ParseResultBuilder,
): PackageIdentity | undefined {
  const { name, version = "" } = entry;
  if (typeof name !== "string" || name === "") {
    const got = name === undefined ? "nothing" : JSON.stringify(name);
    result.problem(`[[package]] "name" should be a non-empty string, found ${got}`, line);
    return undefined;
  }
  if (typeof version !== "string") {
    result.problem(
      `[[package]] "${name}": "version" should be a string, found ${JSON.stringify(version)}`,
      line,
    );
    return undefined;
  }
  return { name, version };
}
