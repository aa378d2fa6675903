// Reads the real-lockfile corpus (test/corpus/lockfiles/<format>/<case>/) and scores what Upkeep
// lists against each case's expected package set, which derive_expected.py took from the lockfile
// itself with other parsers. Shared by the corpus test and the quality bench.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { collectPackages } from "../../../core/deps/lockfiles/collect.ts";
import type { LockedPackage } from "../../../core/deps/package.ts";

export const LOCKFILE_CORPUS = new URL("../../corpus/lockfiles/", import.meta.url).pathname;

export interface CorpusCase {
  format: string;
  name: string;
  folder: string;
  lockfile: string;
  expected: string[];
}

export interface CaseScore {
  corpusCase: CorpusCase;
  missing: string[];
  problems: string[];
}

export function corpusCases(): CorpusCase[] {
  const cases: CorpusCase[] = [];
  for (const format of readdirSync(LOCKFILE_CORPUS, { withFileTypes: true })) {
    if (!format.isDirectory()) continue;
    for (const name of readdirSync(join(LOCKFILE_CORPUS, format.name)).sort()) {
      const folder = join(LOCKFILE_CORPUS, format.name, name);
      const source = JSON.parse(readFileSync(join(folder, "source.json"), "utf8"));
      const expected = JSON.parse(readFileSync(join(folder, "expected.json"), "utf8"));
      cases.push({
        format: format.name,
        name,
        folder,
        lockfile: source.lockfile,
        expected: expected.packages,
      });
    }
  }
  return cases.sort((a, b) => `${a.format}/${a.name}`.localeCompare(`${b.format}/${b.name}`));
}

/**
 * Names and versions as each ecosystem compares them: PyPI names per PEP 503; Packagist names
 * case-insensitively, and Packagist and Go versions without the `v` that composer and go.mod
 * write but OSV records leave out.
 */
function comparable(ecosystem: string, name: string, version: string): string {
  const unprefixed = version.replace(/^v(?=\d)/, "");
  if (ecosystem === "PyPI") return `${name.toLowerCase().replace(/[-_.]+/g, "-")}@${version}`;
  if (ecosystem === "Packagist") return `${name.toLowerCase()}@${unprefixed}`;
  if (ecosystem === "Go") return `${name}@${unprefixed}`;
  return `${name}@${version}`;
}

function keyOf(found: LockedPackage): string {
  return comparable(found.ecosystem, found.name, found.version);
}

export async function scoreCase(corpusCase: CorpusCase): Promise<CaseScore> {
  const collected = await collectPackages(corpusCase.folder, { files: [corpusCase.lockfile] });
  const ecosystem = collected.packages[0]?.ecosystem ?? ecosystemOf(corpusCase.format);
  const listed = new Set(collected.packages.map(keyOf));
  const missing = corpusCase.expected.filter((entry) => {
    const at = entry.lastIndexOf("@");
    return !listed.has(comparable(ecosystem, entry.slice(0, at), entry.slice(at + 1)));
  });
  const problems = collected.problems.map((problem) => problem.message);
  return { corpusCase, missing, problems };
}

function ecosystemOf(format: string): string {
  if (["poetry", "uv", "pipenv", "requirements"].includes(format)) return "PyPI";
  if (format === "go") return "Go";
  return format === "composer" ? "Packagist" : "other";
}
