// Every lockfile format, parsed from a real-shaped sample the way a scan reads it (with the files
// beside it), checked for what a user would look at: names, versions, scope, direct, and lines.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { collectPackages } from "../../../core/deps/lockfiles/collect.ts";
import { parserFor } from "../../../core/deps/lockfiles/index.ts";
import type { LockedPackage } from "../../../core/deps/package.ts";

const FIXTURES = new URL("../fixtures/", import.meta.url).pathname;
const REPO_ROOT = new URL("../../../", import.meta.url).pathname;

type Expected = [name: string, version: string, scope: "prod" | "dev", direct: boolean];

interface Case {
  file: string;
  ecosystem: string;
  count: number;
  packages: Expected[];
  unscannable?: string[];
}

const cases: Case[] = [
  {
    file: "npm-v1/package-lock.json",
    ecosystem: "npm",
    count: 7,
    packages: [
      ["express", "4.16.4", "prod", true],
      ["qs", "6.5.2", "prod", false],
      ["mocha", "5.2.0", "dev", true],
      ["debug", "3.1.0", "dev", false],
      ["lodash", "4.17.11", "prod", true],
    ],
    unscannable: ["local-utils"],
  },
  {
    file: "npm-workspaces/package-lock.json",
    ecosystem: "npm",
    count: 8,
    packages: [
      // The workspace member itself, often a published package.
      ["@acme/ui", "1.0.0", "prod", true],
      ["prettier", "3.1.0", "dev", true],
      ["react", "18.2.0", "prod", true],
      ["lodash", "4.17.15", "prod", true],
      ["semver", "5.7.1", "prod", true],
      ["lru-cache", "6.0.0", "prod", false],
      ["loose-envify", "1.4.0", "prod", false],
    ],
  },
  {
    file: "npm-shrinkwrap/npm-shrinkwrap.json",
    ecosystem: "npm",
    count: 1,
    packages: [["minimist", "1.2.5", "prod", true]],
  },
  {
    file: "yarn-classic/yarn.lock",
    ecosystem: "npm",
    count: 10,
    packages: [
      // Reached only through a dev package's optionalDependencies.
      ["side-channel", "1.0.4", "dev", false],
      ["express", "4.18.2", "prod", true],
      ["qs", "6.11.0", "prod", false],
      ["jest-util", "29.7.0", "dev", true],
      ["ci-info", "3.9.0", "dev", false],
      ["string-width", "4.2.3", "prod", true],
    ],
  },
  {
    file: "yarn-berry/yarn.lock",
    ecosystem: "npm",
    count: 9,
    packages: [
      ["lodash", "4.17.21", "prod", true],
      ["resolve", "1.22.8", "prod", true],
      ["hasown", "2.0.2", "prod", false],
      ["typescript", "5.4.2", "dev", true],
    ],
  },
  {
    file: "pnpm-v5/pnpm-lock.yaml",
    ecosystem: "npm",
    count: 8,
    packages: [
      // From git: the entry records the name and version of the commit's package.json.
      ["left-pad", "1.3.0", "prod", false],
      ["react-dom", "18.2.0", "prod", true],
      ["react", "18.2.0", "prod", false],
      ["@types/react", "18.2.31", "dev", true],
      ["@types/prop-types", "15.7.9", "dev", false],
    ],
  },
  {
    file: "pnpm-v6/pnpm-lock.yaml",
    ecosystem: "npm",
    count: 6,
    packages: [
      ["@babel/runtime", "7.23.2", "prod", true],
      ["express", "4.18.2", "prod", true],
      ["lodash", "4.17.20", "prod", true],
      ["qs", "6.11.0", "prod", false],
      ["typescript", "5.2.2", "dev", true],
    ],
  },
  {
    file: "pnpm-v9/pnpm-lock.yaml",
    ecosystem: "npm",
    count: 8,
    packages: [
      ["react-dom", "18.2.0", "prod", true],
      ["loose-envify", "1.4.0", "prod", false],
      ["string-width", "4.2.3", "prod", true],
      ["vitest", "1.6.0", "dev", true],
      ["tinyspy", "2.2.1", "dev", false],
      ["@pnpm/exe", "10.12.1", "dev", true],
    ],
  },
  {
    file: "pip/requirements-dev.txt",
    ecosystem: "PyPI",
    count: 10,
    packages: [
      ["pytest", "8.1.1", "dev", true],
      ["coverage", "7.4.4", "dev", true],
      ["ruff", "0.3.4", "dev", true],
      ["flake8-bugbear", "24.2.6", "dev", true],
      ["django", "4.2.11", "dev", true],
      ["certifi", "2024.2.2", "dev", false],
    ],
    unscannable: ["pytest-cov", "./tools/fixture-builder", "black"],
  },
  {
    file: "pip/requirements.txt",
    ecosystem: "PyPI",
    count: 6,
    packages: [
      ["django", "4.2.11", "prod", true],
      ["idna", "3.6", "prod", true],
      ["requests", "2.31.0", "prod", true],
      ["urllib3", "2.2.1", "prod", false],
    ],
  },
  {
    file: "poetry/poetry.lock",
    ecosystem: "PyPI",
    count: 6,
    packages: [
      ["flask", "3.0.2", "prod", true],
      ["werkzeug", "3.0.1", "prod", false],
      ["markupsafe", "2.1.5", "prod", false],
      ["pytest", "8.1.1", "dev", true],
      ["iniconfig", "2.0.0", "dev", false],
    ],
  },
  {
    file: "pipenv/Pipfile.lock",
    ecosystem: "PyPI",
    count: 5,
    packages: [
      ["requests", "2.25.1", "prod", true],
      ["urllib3", "1.26.18", "prod", false],
      ["pytest", "8.1.1", "dev", true],
    ],
    unscannable: ["my-local-lib"],
  },
  {
    file: "uv/uv.lock",
    ecosystem: "PyPI",
    count: 5,
    packages: [
      ["anyio", "4.3.0", "prod", true],
      ["sniffio", "1.3.1", "prod", false],
      ["pytest", "8.1.1", "dev", true],
      ["iniconfig", "2.0.0", "dev", false],
    ],
  },
  {
    file: "go/go.mod",
    ecosystem: "Go",
    count: 7,
    packages: [
      ["stdlib", "1.21.5", "prod", true],
      ["github.com/gin-gonic/gin", "1.9.1", "prod", true],
      ["golang.org/x/net", "0.19.0", "prod", false],
      ["github.com/docker/docker", "24.0.7+incompatible", "prod", false],
      ["gopkg.in/yaml.v3", "3.0.1", "prod", false],
      ["github.com/stretchr/testify", "1.8.4", "prod", true],
    ],
    unscannable: ["github.com/acme/shared"],
  },
  {
    file: "cargo/Cargo.lock",
    ecosystem: "crates.io",
    count: 4,
    packages: [
      ["tokio", "1.35.1", "prod", true],
      ["smallvec", "0.6.14", "prod", true],
      ["smallvec", "1.11.2", "prod", false],
      ["cfg-if", "1.0.0", "prod", false],
    ],
    unscannable: ["mini-redis"],
  },
  {
    file: "bundler/Gemfile.lock",
    ecosystem: "RubyGems",
    count: 7,
    packages: [
      ["nokogiri", "1.15.5", "prod", true],
      ["rails-html-sanitizer", "1.6.0", "prod", true],
      ["loofah", "2.22.0", "prod", false],
    ],
    unscannable: ["billing"],
  },
  {
    file: "composer/composer.lock",
    ecosystem: "Packagist",
    count: 4,
    packages: [
      ["guzzlehttp/guzzle", "7.8.1", "prod", true],
      ["guzzlehttp/psr7", "2.6.2", "prod", false],
      ["phpunit/phpunit", "10.5.5", "dev", true],
      ["sebastian/diff", "5.1.0", "dev", false],
    ],
    unscannable: ["acme/toolkit", "acme/legacy-fixtures"],
  },
  {
    file: "nuget/packages.lock.json",
    ecosystem: "NuGet",
    count: 3,
    packages: [
      ["Newtonsoft.Json", "13.0.1", "prod", true],
      ["System.Text.Json", "8.0.0", "prod", false],
    ],
  },
  {
    file: "maven/pom.xml",
    ecosystem: "Maven",
    count: 5,
    packages: [
      ["com.fasterxml.jackson.core:jackson-databind", "2.15.3", "prod", true],
      ["org.apache.logging.log4j:log4j-core", "2.14.1", "prod", true],
      ["com.acme:orders-api", "2.3.0", "prod", true],
      ["org.junit.jupiter:junit-jupiter", "5.10.1", "dev", true],
      ["org.yaml:snakeyaml", "1.33", "prod", false],
    ],
    unscannable: ["org.springframework.boot:spring-boot-starter-web", "com.google.guava:guava"],
  },
  {
    file: "gradle/gradle.lockfile",
    ecosystem: "Maven",
    count: 4,
    packages: [
      ["com.google.guava:guava", "32.1.3-jre", "prod", false],
      ["com.fasterxml.jackson.core:jackson-core", "2.15.3", "prod", false],
      ["junit:junit", "4.13.2", "dev", false],
    ],
  },
  {
    file: "gradle/buildscript-gradle.lockfile",
    ecosystem: "Maven",
    count: 1,
    packages: [["org.jetbrains.kotlin:kotlin-gradle-plugin", "1.9.21", "dev", false]],
  },
  {
    file: "pub/pubspec.lock",
    ecosystem: "Pub",
    count: 3,
    packages: [
      ["http", "1.1.0", "prod", true],
      ["lints", "2.1.1", "dev", true],
      ["async", "2.11.0", "prod", false],
    ],
    unscannable: ["flutter", "shared_widgets"],
  },
];

function summary(found: LockedPackage): Expected {
  return [found.name, found.version, found.scope, found.direct];
}

/** The text around a package's line names it (lines point at the entry, not somewhere nearby). */
function textNear(file: string, line: number): string {
  const lines = readFileSync(join(FIXTURES, file), "utf8").split("\n");
  return lines.slice(line - 1, line + 3).join(" ");
}

function looseName(name: string): string {
  // Go's standard library is listed from the go.mod line that names the toolchain.
  if (name === "stdlib") return "toolchain";
  return name.split(/[/:]/).pop()!.toLowerCase().replace(/[-_.]/g, "");
}

describe.each(cases)("$file", ({ file, ecosystem, count, packages, unscannable = [] }) => {
  it("lists every package with its name, version, scope and whether it is direct", async () => {
    const collected = await collectPackages(FIXTURES, { files: [file] });
    expect(collected.problems).toEqual([]);
    expect(collected.packages).toHaveLength(count);
    const listed = collected.packages.map(summary);
    for (const expected of packages) expect(listed).toContainEqual(expected);
    expect(new Set(collected.packages.map((found) => found.ecosystem))).toEqual(
      new Set([ecosystem]),
    );
  });

  it("points each package at its entry's line in the lockfile", async () => {
    const collected = await collectPackages(FIXTURES, { files: [file] });
    for (const found of collected.packages) {
      expect(found.location.line, found.name).toBeGreaterThan(0);
      const near = textNear(found.location.file, found.location.line!)
        .toLowerCase()
        .replace(/[-_.]/g, "");
      expect(near, `${found.name} at ${found.location.file}:${found.location.line}`).toContain(
        looseName(found.name),
      );
    }
  });

  it("reports entries it cannot scan instead of guessing a version", async () => {
    const collected = await collectPackages(FIXTURES, { files: [file] });
    expect(collected.unscannable.map((entry) => entry.name)).toEqual(
      expect.arrayContaining(unscannable),
    );
    for (const entry of collected.unscannable) expect(entry.reason).not.toBe("");
  });
});

describe("SBOMs", () => {
  it("reads CycloneDX components, nested ones too, by purl into OSV ecosystems and names", async () => {
    const collected = await collectPackages(FIXTURES, { files: ["sbom/app.cdx.json"] });
    const listed = collected.packages.map((found) => [found.ecosystem, ...summary(found)]);
    expect(listed).toEqual([
      ["npm", "@babel/traverse", "7.23.0", "prod", true],
      ["PyPI", "jinja2", "3.1.2", "prod", true],
      ["PyPI", "markupsafe", "2.1.3", "prod", false],
      ["Maven", "org.apache.logging.log4j:log4j-core", "2.14.1", "prod", false],
      ["Go", "golang.org/x/text", "0.3.7", "dev", false],
    ]);
    expect(collected.unscannable[0]?.reason).toMatch(/no advisory ecosystem for deb/);
  });

  it("reads SPDX packages by their purl reference, direct when the described package depends on them", async () => {
    const collected = await collectPackages(FIXTURES, { files: ["sbom/image.spdx.json"] });
    const listed = collected.packages.map((found) => [
      found.ecosystem,
      ...summary(found),
      found.location.line,
    ]);
    expect(listed).toEqual([
      ["crates.io", "regex", "1.5.4", "prod", true, 27],
      ["RubyGems", "rack", "2.2.3", "prod", false, 40],
    ]);
  });
});

describe("the project's own package-lock.json (a real lockfileVersion 3)", () => {
  it("lists every installed package folder, with its declared dependencies as direct", async () => {
    const lock = JSON.parse(readFileSync(join(REPO_ROOT, "package-lock.json"), "utf8"));
    const manifest = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8"));
    const installed = Object.keys(lock.packages).filter((key) => key.includes("node_modules/"));
    const collected = await collectPackages(REPO_ROOT, { files: ["package-lock.json"] });
    expect(collected.problems).toEqual([]);
    expect(collected.packages).toHaveLength(installed.length);
    const direct = collected.packages.filter((found) => found.direct).map((found) => found.name);
    const declared = [
      ...Object.keys(manifest.dependencies),
      ...Object.keys(manifest.devDependencies),
      ...Object.keys(manifest.optionalDependencies ?? {}),
    ];
    expect(new Set(direct)).toEqual(new Set(declared));
    const zod = collected.packages.find((found) => found.name === "zod");
    expect(zod).toMatchObject({
      scope: "prod",
      direct: true,
      version: lock.packages["node_modules/zod"].version,
    });
    const vitest = collected.packages.find((found) => found.name === "vitest");
    expect(vitest).toMatchObject({ scope: "dev", direct: true });
  });
});

describe("Windows line endings", () => {
  it.each(cases.map((entry) => entry.file))("%s reads the same with CRLF line endings", (file) => {
    const text = readFileSync(join(FIXTURES, file), "utf8");
    const parser = parserFor(file)!;
    const unix = parser.parse(file, text);
    const windows = parser.parse(file, text.replace(/\n/g, "\r\n"));
    expect(windows.problems).toEqual([]);
    expect(windows.packages).toEqual(unix.packages);
  });
});

describe("npm aliases", () => {
  it("lists the real package, which advisories name, with the alias it is installed under", async () => {
    const collected = await collectPackages(FIXTURES, {
      files: ["npm-workspaces/package-lock.json"],
    });
    const lodash = collected.packages.find((found) => found.version === "4.17.15");
    expect(lodash).toMatchObject({ name: "lodash", alias: "old-lodash" });
    const plain = collected.packages.find((found) => found.name === "react");
    expect(plain).not.toHaveProperty("alias");
  });

  it.each(["pnpm-v6/pnpm-v6-with-aliased-dep", "pnpm-v9/pnpm-with-aliased-dep"])(
    "pnpm (%s, from pnpm's own fixtures) lists the real package with the alias",
    async (folder) => {
      const corpus = new URL(`../../corpus/lockfiles/${folder}/`, import.meta.url).pathname;
      const collected = await collectPackages(corpus, { files: ["pnpm-lock.yaml"] });
      expect(collected.packages).toMatchObject([
        { name: "is-positive", version: "1.0.0", alias: "positive", direct: true },
      ]);
    },
  );
});
