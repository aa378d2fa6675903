import { cpSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openOfflineDatabase } from "../../core/deps/advisories/offline/database.ts";
import { forEachZipRecord, readRecordZip } from "../../core/deps/advisories/offline/zip.ts";
import { SHARED_OSV, tempDir, writeZipDatabase, zipOf } from "./support/osv-db.ts";

const record = (id: string, name: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    id,
    modified: "2024-05-01T00:00:00Z",
    affected: [
      {
        package: { ecosystem: "crates.io", name },
        ranges: [{ type: "SEMVER", events: [{ introduced: "0" }, { fixed: "1.0.0" }] }],
      },
    ],
    ...extra,
  });

describe("offline OSV database", () => {
  it("loads the real Go, crates.io and PyPI zips and serves the same index warm from the cache", () => {
    const cacheDir = tempDir("upkeep-cache-");
    const cold = openOfflineDatabase(SHARED_OSV, { cacheDir });
    const warm = openOfflineDatabase(SHARED_OSV, { cacheDir });
    expect(cold.warm).toBe(false);
    expect(warm.warm).toBe(true);
    expect(cold.identity.records).toBe(4291 + 1206 + 2661);
    expect(warm.identity).toEqual(cold.identity);
    expect(cold.identity.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const query = { ecosystem: "crates.io" as const, name: "tokio" };
    expect(
      warm
        .advisoriesFor(query)
        .map((a) => a.id)
        .sort(),
    ).toEqual(
      cold
        .advisoriesFor(query)
        .map((a) => a.id)
        .sort(),
    );
    expect(cold.advisoriesFor(query).map((a) => a.id)).toContain("RUSTSEC-2023-0001");
    // PEP 503 names: the index finds "Ansible" under any spelling.
    expect(warm.advisoriesFor({ ecosystem: "PyPI", name: "ANSIBLE" }).length).toBeGreaterThan(10);
  });

  it("leaves withdrawn records out and names a broken record's file", () => {
    const dir = writeZipDatabase({
      "crates.io": {
        "A-1.json": record("A-1", "alpha"),
        "A-2.json": record("A-2", "alpha", { withdrawn: "2024-06-01T00:00:00Z" }),
        "A-3.json": "{ not json",
        "A-4.json": record("A-4", "beta", {
          affected: [
            {
              package: { ecosystem: "crates.io", name: "beta" },
              ranges: [{ type: "SEMVER", events: [{ introduced: "0" }, { fixed: "x.y" }] }],
            },
          ],
        }),
      },
    });
    const db = openOfflineDatabase(dir, { cacheDir: false });
    expect(db.advisoriesFor({ ecosystem: "crates.io", name: "alpha" }).map((a) => a.id)).toEqual([
      "A-1",
    ]);
    expect(db.identity.records).toBe(4);
    expect(db.problems.map((p) => p.file).sort()).toEqual([
      "crates.io/all.zip:A-3.json",
      "crates.io/all.zip:A-4.json",
    ]);
    expect(db.problems.find((p) => p.file.endsWith("A-4.json"))?.message).toMatch(
      /"x.y" is not a SemVer version/,
    );
  });

  it("ties a broken record to its package, so only scans of that package are incomplete", async () => {
    const dir = writeZipDatabase({
      "crates.io": {
        "B-1.json": record("B-1", "beta", {
          affected: [
            {
              package: { ecosystem: "crates.io", name: "beta" },
              ranges: [{ type: "SEMVER", events: [{ fixed: "1.0.0" }] }],
            },
          ],
        }),
      },
    });
    const db = openOfflineDatabase(dir, { cacheDir: false });
    const unrelated = await db.lookup([
      { ecosystem: "crates.io", name: "alpha", version: "0.1.0" },
    ]);
    const related = await db.lookup([{ ecosystem: "crates.io", name: "beta", version: "0.1.0" }]);
    expect(unrelated.problems).toEqual([]);
    expect(related.problems[0]?.message).toMatch(/no "introduced" event/);
  });

  it("reads YAML and JSON records from a plain directory", () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, "Y-1.yaml"),
      "id: Y-1\naffected:\n  - package: {ecosystem: PyPI, name: Some_Pkg}\n    versions: ['1.0']\n",
    );
    writeFileSync(join(dir, "J-1.json"), record("J-1", "gamma"));
    const db = openOfflineDatabase(dir, { cacheDir: false });
    expect(db.advisoriesFor({ ecosystem: "PyPI", name: "some-pkg" }).map((a) => a.id)).toEqual([
      "Y-1",
    ]);
    expect(db.identity.source).toContain("2 record files");
  });

  it("the content hash depends on the records only, not on where the database lives", () => {
    const original = writeZipDatabase({ "crates.io": { "A-1.json": record("A-1", "alpha") } });
    const copy = join(tempDir(), "elsewhere");
    cpSync(original, copy, { recursive: true });
    const here = openOfflineDatabase(original, { cacheDir: false });
    const there = openOfflineDatabase(copy, { cacheDir: false });
    expect(there.identity.contentHash).toBe(here.identity.contentHash);
  });

  it("keeps the index cache bounded to the four most recent databases", () => {
    const cacheDir = tempDir("upkeep-cache-");
    let last = "";
    for (let index = 0; index < 6; index++) {
      last = writeZipDatabase({
        "crates.io": { [`C-${index}.json`]: record(`C-${index}`, "alpha") },
      });
      openOfflineDatabase(last, { cacheDir });
    }
    expect(readdirSync(cacheDir).filter((name) => name.endsWith(".header.json"))).toHaveLength(4);
    expect(readdirSync(cacheDir).filter((name) => name.endsWith(".data"))).toHaveLength(4);
    expect(openOfflineDatabase(last, { cacheDir }).warm).toBe(true);
  });

  it("a rebuilt database gets a new cache key, never the stale index", () => {
    const cacheDir = tempDir("upkeep-cache-");
    const dir = writeZipDatabase({ "crates.io": { "A-1.json": record("A-1", "alpha") } });
    const first = openOfflineDatabase(dir, { cacheDir });
    writeFileSync(
      join(dir, "crates.io", "all.zip"),
      zipOf({ "A-1.json": record("A-1", "alpha"), "A-9.json": record("A-9", "alpha") }),
    );
    const second = openOfflineDatabase(dir, { cacheDir });
    expect(second.warm).toBe(false);
    expect(second.identity.contentHash).not.toBe(first.identity.contentHash);
    expect(second.advisoriesFor({ ecosystem: "crates.io", name: "alpha" })).toHaveLength(2);
  });
});

describe("zip bomb guards", () => {
  const bomb = () =>
    zipOf({ "BOMB.json": new Uint8Array(4 * 1024 * 1024), "OK-1.json": record("OK-1", "alpha") });

  it("skips an entry that inflates far beyond its compressed size and keeps the rest", () => {
    const { files, problems } = readRecordZip(bomb());
    expect([...files.keys()]).toEqual(["OK-1.json"]);
    expect(problems[0]).toMatch(/BOMB\.json: 4194304 bytes uncompressed .* likely zip bomb/);
  });

  it("stops at the entry cap and the total size cap", () => {
    const many = zipOf(
      Object.fromEntries(
        Array.from({ length: 20 }, (_, i) => [`R-${i}.json`, record(`R-${i}`, "alpha")]),
      ),
    );
    const limited = readRecordZip(many, {
      maxEntries: 5,
      maxEntryBytes: 1 << 20,
      maxTotalBytes: 1 << 30,
      maxRatio: 200,
    });
    expect(limited.files.size).toBe(5);
    expect(limited.problems[0]).toMatch(/exceeds 5 entries; looks like a zip bomb/);
    const total = readRecordZip(many, {
      maxEntries: 100,
      maxEntryBytes: 1 << 20,
      maxTotalBytes: 1000,
      maxRatio: 200,
    });
    expect(total.problems[0]).toMatch(/1000 bytes uncompressed/);
  });

  it("hands on every record of a zip bigger than one inflating batch, and stops at the total cap", () => {
    // 40 entries of 1 MiB: more than one 32 MiB batch, each small enough to pass the ratio check.
    const filler = (id: string) => `{"id":"${id}","details":"${"a".repeat((1 << 20) - 40)}"}`;
    const entries = Object.fromEntries(
      Array.from({ length: 40 }, (_, i) => [`R-${i}.json`, filler(`R-${i}`)]),
    );
    const seen: string[] = [];
    const problems = forEachZipRecord(zipOf(entries), (name) => seen.push(name));
    expect(problems).toEqual([]);
    expect(new Set(seen)).toEqual(new Set(Object.keys(entries)));
    const capped: string[] = [];
    const limits = {
      maxEntries: 100,
      maxEntryBytes: 2 << 20,
      maxTotalBytes: 10 << 20,
      maxRatio: 2000,
    };
    const stopped = forEachZipRecord(zipOf(entries), (name) => capped.push(name), limits);
    expect(capped).toHaveLength(10);
    expect(stopped).toEqual([
      `zip exceeds ${10 << 20} bytes uncompressed; looks like a zip bomb, the rest was not read`,
    ]);
  });

  it("reports a bomb in a database as a problem with the zip's name; other records still load", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "crates.io"));
    writeFileSync(join(dir, "crates.io", "all.zip"), bomb());
    const db = openOfflineDatabase(join(dir, "crates.io", "all.zip"), { cacheDir: false });
    expect(db.problems[0]?.file).toBe("crates.io/all.zip");
    expect(db.problems[0]?.packages).toBeUndefined();
    expect(db.advisoriesFor({ ecosystem: "crates.io", name: "alpha" }).map((a) => a.id)).toEqual([
      "OK-1",
    ]);
  });

  it("a file that is not a zip is a problem, not a crash", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "all.zip"), "this is not a zip");
    const db = openOfflineDatabase(join(dir, "all.zip"), { cacheDir: false });
    expect(db.problems[0]?.message).toMatch(/not a readable zip/);
  });
});
