// Broken, truncated, unknown-version and oversized lockfiles: each gives a problem naming the file
// (and the line where there is one), never an exception, and never stops the other files.
import { mkdtempSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { collectPackages } from "../../../core/deps/lockfiles/collect.ts";
import { parseLockfileText, parserFor } from "../../../core/deps/lockfiles/index.ts";

const FIXTURES = new URL("../fixtures/", import.meta.url).pathname;
const fixture = (file: string) => readFileSync(join(FIXTURES, file), "utf8");

interface BadCase {
  what: string;
  path: string;
  content: () => string;
  message: RegExp;
  line?: number;
}

const cases: BadCase[] = [
  {
    what: "a package-lock.json cut off mid-entry",
    path: "app/package-lock.json",
    content: () => fixture("npm-workspaces/package-lock.json").slice(0, 900),
    message: /malformed JSON: the file ends early/,
    // The text stops on its last line, where the cut falls.
    line: fixture("npm-workspaces/package-lock.json").slice(0, 900).split("\n").length,
  },
  {
    what: "a package-lock.json with a missing comma",
    path: "package-lock.json",
    content: () => '{\n  "lockfileVersion": 3\n  "packages": {}\n}\n',
    message: /malformed JSON/,
    line: 3,
  },
  {
    what: "a package-lock.json from a future npm",
    path: "package-lock.json",
    content: () => '{\n  "name": "x",\n  "lockfileVersion": 4,\n  "packages": {}\n}\n',
    message: /unknown lockfileVersion 4 \(supported: 1, 2, 3\)/,
    line: 3,
  },
  {
    what: "a classic yarn.lock entry with broken indentation",
    path: "yarn.lock",
    content: () =>
      '# yarn lockfile v1\n\nms@2.0.0:\n  version "2.0.0"\n\nlodash@^4.17.21:\n  version "4.17.21"\n resolved "https://x"\n',
    message: /malformed yarn.lock: Expected/,
    line: 8,
  },
  {
    what: "a berry yarn.lock cut off inside a string",
    path: "yarn.lock",
    content: () =>
      '__metadata:\n  version: 8\n\n"lodash@npm:^4.17.21":\n  version: 4.17.21\n  resolution: "lodash@npm:4.17.21\n',
    message: /malformed yarn.lock: unexpected end of the stream/,
    line: 7,
  },
  {
    what: "a pnpm lockfile from an unknown pnpm",
    path: "pnpm-lock.yaml",
    content: () => "settings:\n  autoInstallPeers: true\nlockfileVersion: '11.0'\npackages: {}\n",
    message: /unknown lockfileVersion "11.0"/,
    line: 3,
  },
  {
    what: "a pnpm lockfile with a YAML syntax error",
    path: "pnpm-lock.yaml",
    content: () => "lockfileVersion: '9.0'\npackages:\n  foo@1.0.0: {resolution: [\n",
    message: /malformed YAML/,
  },
  {
    what: "a poetry.lock with a broken string",
    path: "poetry.lock",
    content: () => '[[package]]\nname = "flask\nversion = "3.0.2"\n',
    message: /malformed TOML/,
    line: 2,
  },
  {
    what: "a Cargo.lock from a future cargo",
    path: "Cargo.lock",
    content: () => 'version = 9\n\n[[package]]\nname = "x"\nversion = "1.0.0"\n',
    message: /unknown Cargo.lock version 9/,
    line: 1,
  },
  {
    what: "a uv.lock from a future uv",
    path: "uv.lock",
    content: () => 'version = 2\n\n[[package]]\nname = "x"\nversion = "1.0.0"\n',
    message: /unknown uv.lock version 2/,
  },
  {
    what: "a go.mod whose require block never closes",
    path: "go.mod",
    content: () => fixture("go/go.mod").split("\n").slice(0, 10).join("\n"),
    message: /"require \(" block is never closed/,
  },
  {
    what: "a pom.xml with a mismatched tag",
    path: "pom.xml",
    content: () => "<project>\n  <dependencies>\n    <dependency>\n  </dependencies>\n</project>\n",
    message: /malformed XML/,
    line: 4,
  },
  {
    what: "a packages.lock.json of an unknown version",
    path: "packages.lock.json",
    content: () => '{"version": 3, "dependencies": {}}',
    message: /unknown packages.lock.json version 3/,
  },
  {
    what: "a .cdx.json file that is not CycloneDX",
    path: "release.cdx.json",
    content: () => '{"bomFormat": "SomethingElse"}',
    message: /not a CycloneDX SBOM/,
  },
  {
    what: "a requirements line that is not a requirement",
    path: "requirements.txt",
    content: () => "flask==3.0.2\n???==1\n",
    message: /cannot read "\?\?\?==1" as a requirement/,
    line: 2,
  },
  {
    what: "a Gradle lockfile line without coordinates",
    path: "gradle.lockfile",
    content: () =>
      "# Gradle\ncom.google.guava:guava:32.1.3-jre=runtimeClasspath\nnot a coordinate\n",
    message: /expected "group:artifact:version=configurations"/,
    line: 3,
  },
];

describe.each(cases)("$what", ({ path, content, message, line }) => {
  it("gives a problem naming the file and line, without throwing", () => {
    const parser = parserFor(path)!;
    const result = parseLockfileText(parser, path, content());
    expect(result.problems.length).toBeGreaterThan(0);
    const problem = result.problems[0]!;
    expect(problem.file).toBe(path);
    expect(problem.message).toMatch(message);
    if (line !== undefined) expect(problem.line).toBe(line);
  });
});

describe("files that only share a lockfile's name", () => {
  it("a bom.json that is some other bill of materials is skipped quietly, not reported as broken", () => {
    const parser = parserFor("hardware/bom.json")!;
    const result = parseLockfileText(parser, "hardware/bom.json", '{"parts": [{"ref": "R1"}]}');
    expect(result).toEqual({ packages: [], problems: [] });
  });
});

describe("oversized lockfiles", () => {
  it("a 200 MB lockfile is refused by size before it is read, and the other lockfiles are still parsed", async () => {
    const root = mkdtempSync(join(tmpdir(), "upkeep-huge-"));
    writeFileSync(join(root, "package-lock.json"), "");
    truncateSync(join(root, "package-lock.json"), 200 * 1024 * 1024);
    writeFileSync(join(root, "Cargo.lock"), fixture("cargo/Cargo.lock"));
    const collected = await collectPackages(root);
    expect(collected.problems).toEqual([
      {
        file: "package-lock.json",
        message: expect.stringMatching(/200\.0 MB, above the 64 MB lockfile size cap/),
      },
    ]);
    expect(collected.packages.map((found) => found.name)).toContain("tokio");
  });

  it("text over the cap handed straight to the parser is refused too", () => {
    const parser = parserFor("package-lock.json")!;
    const result = parseLockfileText(
      parser,
      "package-lock.json",
      "x".repeat(4096),
      undefined,
      1024,
    );
    expect(result.packages).toEqual([]);
    expect(result.problems[0]?.message).toMatch(
      /above the 0\.0009765625 MB lockfile size cap|size cap/,
    );
  });
});

describe("requirements includes", () => {
  it("a missing -r file is a problem on the line that includes it", async () => {
    const root = mkdtempSync(join(tmpdir(), "upkeep-req-"));
    writeFileSync(join(root, "requirements.txt"), "flask==3.0.2\n-r missing.txt\n");
    const collected = await collectPackages(root);
    expect(collected.problems).toEqual([
      {
        file: "requirements.txt",
        line: 2,
        message: "-r missing.txt: file not found or not readable",
      },
    ]);
    expect(collected.packages.map((found) => found.name)).toEqual(["flask"]);
  });

  it("an include outside the scanned directory is never read", async () => {
    const root = mkdtempSync(join(tmpdir(), "upkeep-req-"));
    writeFileSync(
      join(root, "requirements.txt"),
      "-r ../../../../../../etc/passwd\n-r /etc/passwd\n",
    );
    const collected = await collectPackages(root);
    expect(collected.packages).toEqual([]);
    expect(collected.problems.map((problem) => problem.line)).toEqual([1, 2]);
  });

  it("an include that is a symbolic link to a file outside the scanned directory is never read", async () => {
    const outside = mkdtempSync(join(tmpdir(), "upkeep-outside-"));
    writeFileSync(join(outside, "secret.txt"), "secret-token==1.0\n");
    const root = mkdtempSync(join(tmpdir(), "upkeep-req-"));
    symlinkSync(join(outside, "secret.txt"), join(root, "extra.txt"));
    writeFileSync(join(root, "requirements.txt"), "flask==3.0.2\n-r extra.txt\n");
    const collected = await collectPackages(root);
    expect(collected.packages.map((found) => found.name)).toEqual(["flask"]);
    expect(collected.problems).toEqual([
      {
        file: "requirements.txt",
        line: 2,
        message: "-r extra.txt: file not found or not readable",
      },
    ]);
  });

  it("includes that loop back are read once", async () => {
    const root = mkdtempSync(join(tmpdir(), "upkeep-req-"));
    writeFileSync(join(root, "requirements.txt"), "-r requirements-dev.txt\nflask==3.0.2\n");
    writeFileSync(join(root, "requirements-dev.txt"), "-r requirements.txt\npytest==8.1.1\n");
    const collected = await collectPackages(root);
    expect(collected.problems).toEqual([]);
    const listed = collected.packages.map(
      (found) => `${found.name}:${found.scope}:${found.location.file}`,
    );
    expect(listed.sort()).toEqual([
      "flask:prod:requirements.txt",
      "pytest:dev:requirements-dev.txt",
    ]);
  });
});

describe("every parser on cut-off and garbled input", () => {
  const samples = [
    "npm-v1/package-lock.json",
    "npm-workspaces/package-lock.json",
    "yarn-classic/yarn.lock",
    "yarn-berry/yarn.lock",
    "pnpm-v5/pnpm-lock.yaml",
    "pnpm-v6/pnpm-lock.yaml",
    "pnpm-v9/pnpm-lock.yaml",
    "pip/requirements.txt",
    "poetry/poetry.lock",
    "pipenv/Pipfile.lock",
    "uv/uv.lock",
    "go/go.mod",
    "cargo/Cargo.lock",
    "bundler/Gemfile.lock",
    "composer/composer.lock",
    "nuget/packages.lock.json",
    "maven/pom.xml",
    "gradle/gradle.lockfile",
    "pub/pubspec.lock",
    "sbom/app.cdx.json",
    "sbom/image.spdx.json",
  ];

  it.each(samples)("%s: the parser itself never throws, whatever the cut", (file) => {
    const text = fixture(file);
    const parser = parserFor(file)!;
    for (let cut = 1; cut < 20; cut++) {
      const truncated = text.slice(0, Math.floor((text.length * cut) / 20));
      const garbled = `${truncated}\u0000{[:'"\n${text.slice(truncated.length + 7)}`;
      for (const content of [truncated, garbled]) {
        const result = parser.parse(file, content);
        for (const problem of result.problems) expect(problem.file).toBe(file);
      }
    }
  });
});
