// `upkeep deps list` as a person or another CI system runs it: a process, its output and exit code.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { runUpkeep } from "../../support/run-cli.ts";

const FIXTURES = new URL("../fixtures/", import.meta.url).pathname;

describe("upkeep deps list", () => {
  it("--json lists every package of every lockfile under a directory, with file and line", async () => {
    const root = mkdtempSync(join(tmpdir(), "upkeep-deps-list-"));
    cpSync(join(FIXTURES, "pnpm-v9"), join(root, "web"), { recursive: true });
    cpSync(join(FIXTURES, "go"), join(root, "api"), { recursive: true });
    const run = await runUpkeep(["deps", "list", "--json"], { cwd: root });
    expect(run.exitCode).toBe(0);
    const rows = JSON.parse(run.stdout);
    expect(rows).toContainEqual({
      ecosystem: "Go",
      name: "github.com/gin-gonic/gin",
      version: "1.9.1",
      scope: "prod",
      direct: true,
      file: "api/go.mod",
      line: 8,
    });
    expect(rows).toContainEqual({
      ecosystem: "npm",
      name: "vitest",
      version: "1.6.0",
      scope: "dev",
      direct: true,
      file: "web/pnpm-lock.yaml",
      line: 71,
    });
    expect(rows.filter((row: { file: string }) => row.file === "web/pnpm-lock.yaml")).toHaveLength(
      8,
    );
    // The local replace in go.mod is reported, not guessed, and is not an error.
    expect(run.stderr).toContain(
      "api/go.mod:12: github.com/acme/shared: replaced by local directory",
    );
  });

  it("skips what the repository config's deps.exclude names, and refuses a broken config", async () => {
    const root = mkdtempSync(join(tmpdir(), "upkeep-deps-list-"));
    cpSync(join(FIXTURES, "pnpm-v9"), join(root, "web"), { recursive: true });
    cpSync(join(FIXTURES, "go"), join(root, "api"), { recursive: true });
    mkdirSync(join(root, ".github"));
    writeFileSync(join(root, ".github/upkeep.yml"), "deps:\n  exclude:\n    - api/\n");
    const run = await runUpkeep(["deps", "list", "--json"], { cwd: root });
    expect(run.exitCode).toBe(0);
    const files = new Set(JSON.parse(run.stdout).map((row: { file: string }) => row.file));
    expect(files).toEqual(new Set(["web/pnpm-lock.yaml"]));

    writeFileSync(join(root, ".github/upkeep.yml"), "deps:\n  exclude: api/\n");
    const broken = await runUpkeep(["deps", "list", "--json"], { cwd: root });
    expect(broken.exitCode).toBe(2);
    expect(broken.stderr).toContain("deps.exclude");
  });

  it("matches a hostile .gitignore and excludes in linear time, and names an unusable pattern", async () => {
    const root = mkdtempSync(join(tmpdir(), "upkeep-deps-list-"));
    const deep = `${"a/".repeat(60)}go.mod`;
    mkdirSync(join(root, deep, ".."), { recursive: true });
    writeFileSync(join(root, deep), "module a\n\ngo 1.22\n\nrequire example.com/x v1.0.0\n");
    // With a backtracking matcher this pattern takes minutes on that path.
    writeFileSync(join(root, ".gitignore"), `${"**/a/".repeat(12)}**/b\n`);
    const run = await runUpkeep(["deps", "list", "--json"], { cwd: root });
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout).map((row: { name: string }) => row.name)).toEqual([
      "example.com/x",
    ]);

    mkdirSync(join(root, ".github"));
    writeFileSync(join(root, ".github/upkeep.yml"), "deps:\n  exclude:\n    - '[z-a]'\n");
    const broken = await runUpkeep(["deps", "list"], { cwd: root });
    expect(broken.exitCode).toBe(2);
    expect(broken.stderr).toMatch(/deps\.exclude.*invalid character class range/s);
  });

  it("takes a single lockfile and shows paths as typed, relative to where it runs", async () => {
    const run = await runUpkeep(["deps", "list", "test/deps/fixtures/cargo/Cargo.lock", "--json"]);
    expect(run.exitCode).toBe(0);
    const rows = JSON.parse(run.stdout);
    expect(
      rows.map((row: { name: string; version: string }) => `${row.name}@${row.version}`),
    ).toEqual(["cfg-if@1.0.0", "smallvec@0.6.14", "smallvec@1.11.2", "tokio@1.35.1"]);
    expect(rows[0].file).toBe("test/deps/fixtures/cargo/Cargo.lock");
  });

  it("prints a table with a summary line without --json", async () => {
    const run = await runUpkeep(["deps", "list", "test/deps/fixtures/composer"]);
    expect(run.exitCode).toBe(0);
    const lines = run.stdout.split("\n");
    expect(lines[0]).toMatch(/^ECOSYSTEM\s+NAME\s+VERSION\s+SCOPE\s+DIRECT\s+FILE$/);
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^Packagist\s+phpunit\/phpunit\s+10\.5\.5\s+dev\s+yes\s+test\/deps\/fixtures\/composer\/composer\.lock:46$/,
      ),
    );
    expect(run.stdout).toContain("4 packages in 1 lockfile");
  });

  it("a broken lockfile goes to stderr with file and line, the rest is still listed, and the exit code is 3", async () => {
    const root = mkdtempSync(join(tmpdir(), "upkeep-deps-list-"));
    cpSync(join(FIXTURES, "cargo"), root, { recursive: true });
    writeFileSync(join(root, "package-lock.json"), '{\n  "lockfileVersion": 3,\n  "packages": {\n');
    const run = await runUpkeep(["deps", "list", "--json"], { cwd: root });
    expect(run.exitCode).toBe(3);
    expect(run.stderr).toMatch(
      /^error: package-lock\.json:4: malformed JSON: the file ends early/m,
    );
    expect(JSON.parse(run.stdout).map((row: { name: string }) => row.name)).toContain("tokio");
  });

  it("a path that does not exist or an unknown option is a usage error (exit 2)", async () => {
    const missing = await runUpkeep(["deps", "list", "no/such/dir"]);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain("no such file or directory");
    const unknown = await runUpkeep(["deps", "list", "--yaml"]);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain("unknown option --yaml");
  });

  it("a file named that is not a lockfile format is bad input (exit 2)", async () => {
    const run = await runUpkeep(["deps", "list", "package.json"]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("package.json: not a lockfile format Upkeep reads");
  });

  it("reads a lockfile named outside the folder it runs in, and shows its path as typed", async () => {
    const root = mkdtempSync(join(tmpdir(), "upkeep-deps-list-"));
    mkdirSync(join(root, "here"));
    cpSync(join(FIXTURES, "cargo"), join(root, "elsewhere"), { recursive: true });
    const run = await runUpkeep(["deps", "list", "../elsewhere/Cargo.lock", "--json"], {
      cwd: join(root, "here"),
    });
    expect(run.stderr).not.toContain("not read");
    expect(run.exitCode).toBe(0);
    const rows = JSON.parse(run.stdout);
    expect(rows.map((row: { name: string }) => row.name)).toContain("tokio");
    expect(rows[0].file).toBe("../elsewhere/Cargo.lock");
  });

  it("lists the real package behind an npm alias, with the alias beside it", async () => {
    const run = await runUpkeep([
      "deps",
      "list",
      "test/deps/fixtures/npm-workspaces/package-lock.json",
      "--json",
    ]);
    const rows = JSON.parse(run.stdout);
    expect(rows).toContainEqual(
      expect.objectContaining({ name: "lodash", version: "4.17.15", alias: "old-lodash" }),
    );
  });

  it("never blocks on a FIFO: a named one is not read (exit 3), one in a tree is skipped with a note", async () => {
    const root = mkdtempSync(join(tmpdir(), "upkeep-deps-fifo-"));
    cpSync(join(FIXTURES, "cargo"), join(root, "app"), { recursive: true });
    for (const fifo of ["app/.gitignore", "app/yarn.lock", "named/yarn.lock"]) {
      mkdirSync(dirname(join(root, fifo)), { recursive: true });
      execFileSync("mkfifo", [join(root, fifo)]);
    }
    const named = await runUpkeep(["deps", "list", "named/yarn.lock"], { cwd: root });
    expect(named.exitCode).toBe(3);
    expect(named.stderr).toContain("named/yarn.lock: not a regular file; not read");
    const tree = await runUpkeep(["deps", "list", "app", "--json"], { cwd: root });
    expect(tree.exitCode).toBe(0);
    expect(tree.stderr).toContain("note: app/yarn.lock: not a regular file; skipped");
    expect(tree.stderr).toContain("note: app/.gitignore: not a regular file");
    expect(JSON.parse(tree.stdout).map((row: { name: string }) => row.name)).toContain("tokio");
  });
});
