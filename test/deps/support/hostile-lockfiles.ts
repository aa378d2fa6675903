// Hostile lockfile texts for every parser: the property test feeds small random mutations of real
// samples; these named worst cases (deep nesting, long runs, huge repetitions, alias and reference
// bombs) are fed by the test at a small size and by the bench at a large one.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { lockfileParsers } from "../../../core/deps/lockfiles/index.ts";
import type { LockfileParser } from "../../../core/deps/package.ts";

const FIXTURES = new URL("../fixtures/", import.meta.url).pathname;

/** A path each parser claims and a real sample of its format. */
const SAMPLES: Record<string, string> = {
  "npm package-lock.json": "npm-workspaces/package-lock.json",
  "yarn.lock": "yarn-berry/yarn.lock",
  "pnpm-lock.yaml": "pnpm-v9/pnpm-lock.yaml",
  "pip requirements": "pip/requirements.txt",
  "poetry.lock": "poetry/poetry.lock",
  "Pipfile.lock": "pipenv/Pipfile.lock",
  "uv.lock": "uv/uv.lock",
  "go.mod": "go/go.mod",
  "Cargo.lock": "cargo/Cargo.lock",
  "Gemfile.lock": "bundler/Gemfile.lock",
  "composer.lock": "composer/composer.lock",
  "NuGet packages.lock.json": "nuget/packages.lock.json",
  "Maven pom.xml": "maven/pom.xml",
  "Gradle lockfile": "gradle/gradle.lockfile",
  "pubspec.lock": "pub/pubspec.lock",
  "CycloneDX SBOM (JSON)": "sbom/app.cdx.json",
  "SPDX SBOM (JSON)": "sbom/image.spdx.json",
};

export interface ParserUnderTest {
  parser: LockfileParser;
  /** The path it is parsed under (the sample's name, which the parser claims). */
  path: string;
  sample: string;
}

export function parsersUnderTest(): ParserUnderTest[] {
  return lockfileParsers.map((parser) => {
    const file = SAMPLES[parser.format];
    if (!file) throw new Error(`no sample for ${parser.format}: add one to SAMPLES`);
    const path = file.split("/").pop()!;
    if (!parser.matches(path)) throw new Error(`${parser.format} does not claim ${path}`);
    return { parser, path, sample: readFileSync(join(FIXTURES, file), "utf8") };
  });
}

/** The sample's text with its middle repeated until about `size` characters. */
function repeatedBody(sample: string, size: number): string {
  const lines = sample.split("\n");
  const head = lines.slice(0, Math.ceil(lines.length / 3)).join("\n");
  const body = lines.slice(Math.ceil(lines.length / 3)).join("\n");
  return head + `\n${body}`.repeat(Math.max(1, Math.floor(size / (body.length + 1))));
}

/** Named worst cases for one parser, about `size` characters each. */
export function worstCases(target: ParserUnderTest, size: number): Record<string, string> {
  const runs = ["\\", " ", "#", "@", "(", '"', "=", "a", "[", "{", "<a>", "- ", "  ", "${"];
  const cases: Record<string, string> = {
    "the sample's entries repeated": repeatedBody(target.sample, size),
    "deep JSON nesting": '{"a":'.repeat(size / 5),
    "deep flow nesting": "a: ".concat("[".repeat(size)),
    "deep indentation": Array.from(
      { length: Math.sqrt(size) },
      (_, i) => `${" ".repeat(i)}a:`,
    ).join("\n"),
    "one long line of entries": target.sample
      .replace(/\n/g, " ")
      .repeat(size / target.sample.length),
    "requirements continuations": `flask==2.0.0 \\\n${"  --hash=sha256:abc \\\n".repeat(size / 22)}`,
    "pip-compile via notes": `flask==2.0.0\n    # via\n${"    #   pkg\n".repeat(size / 12)}`,
    "YAML alias bomb": yamlAliasBomb(),
    "nested pnpm peer suffixes": `lockfileVersion: '9.0'\npackages:\n  '@a/b@1.0.0${"(@c/d@1.0.0".repeat(size / 12)}${")".repeat(size / 12)}':\n    resolution: {integrity: x}\n`,
    "yarn key with many descriptors": `"${Array.from({ length: size / 12 }, (_, i) => `a@^${i}.0.0`).join(", ")}":\n  version "1.0.0"\n`,
    "maven property bomb": mavenPropertyBomb(),
    "TOML name that is a number": 'version = 1\n\n[[package]]\nname = 5\nversion = "1.0"\n',
  };
  for (const run of runs) cases[`a run of ${JSON.stringify(run)}`] = run.repeat(size / run.length);
  return cases;
}

function yamlAliasBomb(): string {
  const levels = ["a: &a [x, x, x, x, x, x, x, x, x]"];
  for (let level = 1; level < 12; level++) {
    const previous = String.fromCharCode(96 + level);
    const name = String.fromCharCode(97 + level);
    levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(", ")}]`);
  }
  return `lockfileVersion: '9.0'\n${levels.join("\n")}\npackages: *l\n`;
}

function mavenPropertyBomb(): string {
  const properties = Array.from(
    { length: 12 },
    (_, i) => `<p${i}>\${p${i + 1}}\${p${i + 1}}\${p${i + 1}}\${p${i + 1}}</p${i}>`,
  ).join("");
  return `<project><properties>${properties}<p12>1.0</p12></properties><dependencies><dependency><groupId>g</groupId><artifactId>a</artifactId><version>\${p0}</version></dependency></dependencies></project>`;
}
