// Lockfile discovery sees the tree the way git does: nested .gitignore files (the deepest with an
// opinion wins), config excludes, and never installed packages or git internals.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { discoverLockfiles } from "./discover.ts";

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "upkeep-discover-"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

const monorepo = {
  ".gitignore": "dist/\n*.generated.txt\n",
  "package-lock.json": "{}",
  "dist/package-lock.json": "{}",
  "node_modules/left-pad/package-lock.json": "{}",
  "vendor/github.com/x/y/go.mod": "module y",
  ".git/modules/sub/Cargo.lock": "",
  "services/api/.gitignore": "!requirements.generated.txt\ntmp/\n",
  "services/api/requirements.generated.txt": "flask==3.0.2",
  "services/api/tmp/go.mod": "module tmp",
  "services/api/go.mod": "module api",
  "services/web/yarn.lock": "",
  "services/web/README.md": "# web",
  "services/legacy/Gemfile.lock": "",
  "tools/gradle.lockfile": "",
  "sbom/release.cdx.json": "{}",
};

describe("discoverLockfiles", () => {
  it("finds every lockfile git would track, each with the parser for its format", async () => {
    const found = await discoverLockfiles(tree(monorepo));
    expect(found.map((lockfile) => [lockfile.path, lockfile.parser.format])).toEqual([
      ["package-lock.json", "npm package-lock.json"],
      ["sbom/release.cdx.json", "CycloneDX SBOM (JSON)"],
      ["services/api/go.mod", "go.mod"],
      ["services/api/requirements.generated.txt", "pip requirements"],
      ["services/legacy/Gemfile.lock", "Gemfile.lock"],
      ["services/web/yarn.lock", "yarn.lock"],
      ["tools/gradle.lockfile", "Gradle lockfile"],
    ]);
  });

  it("applies config excludes (gitignore syntax, relative to the root) on top of .gitignore", async () => {
    const found = await discoverLockfiles(tree(monorepo), {
      exclude: ["services/legacy/", "*.cdx.json"],
    });
    const paths = found.map((lockfile) => lockfile.path);
    expect(paths).not.toContain("services/legacy/Gemfile.lock");
    expect(paths).not.toContain("sbom/release.cdx.json");
    expect(paths).toContain("services/web/yarn.lock");
  });

  it("a nested .gitignore ignores only below its own folder", async () => {
    const root = tree({
      "a/.gitignore": "go.mod\n",
      "a/go.mod": "module a",
      "b/go.mod": "module b",
    });
    const found = await discoverLockfiles(root);
    expect(found.map((lockfile) => lockfile.path)).toEqual(["b/go.mod"]);
  });

  it("does not follow symbolic links, so a link loop cannot hang the walk", async () => {
    const root = tree({ "app/go.mod": "module app" });
    symlinkSync(root, join(root, "app/loop"));
    const found = await discoverLockfiles(root);
    expect(found.map((lockfile) => lockfile.path)).toEqual(["app/go.mod"]);
  });

  it("returns nothing for a missing root rather than throwing", async () => {
    expect(await discoverLockfiles(join(tmpdir(), "upkeep-does-not-exist-7f3a"))).toEqual([]);
  });
});
