import { describe, expect, it } from "vitest";
import type { Advisory, AffectedRange } from "../../core/deps/advisories/advisory.ts";
import { readOsvRecord } from "../../core/deps/advisories/osv-record.ts";
import { rangeAffects } from "../../core/deps/affected.ts";
import { matchPackages } from "../../core/deps/match.ts";
import type { LockedPackage } from "../../core/deps/package.ts";
import { versionScheme } from "../../core/deps/versions/index.ts";
import { npmAdvisory } from "./support/npm-advisories.ts";

function pkg(name: string, version: string, extra: Partial<LockedPackage> = {}): LockedPackage {
  return {
    ecosystem: "npm",
    name,
    version,
    scope: "prod",
    direct: true,
    location: { file: "package-lock.json", line: 10 },
    ...extra,
  };
}

function advisory(raw: unknown): Advisory {
  const { advisory: read, problems } = readOsvRecord(raw);
  expect(problems).toEqual([]);
  return read as Advisory;
}

const range = (...events: Record<string, string>[]): AffectedRange =>
  ({ type: "SEMVER", events }) as AffectedRange;

describe("OSV range evaluation", () => {
  const cases: [string, AffectedRange, Record<string, boolean>][] = [
    [
      "introduced 0, fixed",
      range({ introduced: "0" }, { fixed: "1.2.0" }),
      { "0.0.1": true, "1.1.9": true, "1.2.0": false, "2.0.0": false },
    ],
    [
      "introduced, last_affected",
      range({ introduced: "1.0.0" }, { last_affected: "1.4.0" }),
      { "0.9.0": false, "1.0.0": true, "1.4.0": true, "1.4.1": false },
    ],
    [
      "two branches",
      range(
        { introduced: "1.0.0" },
        { fixed: "1.0.5" },
        { introduced: "2.0.0" },
        { fixed: "2.1.0" },
      ),
      { "1.0.4": true, "1.0.5": false, "1.9.0": false, "2.0.0": true, "2.1.0": false },
    ],
    [
      "events out of order",
      range({ fixed: "2.1.0" }, { introduced: "2.0.0" }),
      { "2.0.1": true, "2.1.0": false, "1.0.0": false },
    ],
    [
      "limit caps the range",
      range({ introduced: "0" }, { limit: "3.0.0" }),
      { "2.9.9": true, "3.0.0": false, "4.0.0": false },
    ],
    [
      "introduced only",
      range({ introduced: "1.5.0" }),
      { "1.4.9": false, "1.5.0": true, "9.0.0": true },
    ],
    [
      "pre-releases sit before their release",
      range({ introduced: "0" }, { fixed: "2.0.0" }),
      { "2.0.0-rc.1": true, "2.0.0": false },
    ],
  ];
  for (const [name, affected, expectations] of cases) {
    it(name, () => {
      for (const [version, expected] of Object.entries(expectations)) {
        expect(rangeAffects(affected, version, versionScheme("npm")), version).toBe(expected);
      }
    });
  }

  it("PyPI ECOSYSTEM ranges follow PEP 440 (a fix in 2.0 leaves 2.0rc1 affected)", () => {
    const pep = {
      type: "ECOSYSTEM",
      events: [{ introduced: "0" }, { fixed: "2.0" }],
    } as AffectedRange;
    expect(rangeAffects(pep, "2.0rc1", versionScheme("PyPI"))).toBe(true);
    expect(rangeAffects(pep, "2.0.post1", versionScheme("PyPI"))).toBe(false);
    expect(rangeAffects(pep, "1!0.1", versionScheme("PyPI"))).toBe(false);
  });
});

describe("reading OSV records", () => {
  it("drops a range with bad versions or no introduced event and says where", () => {
    const { advisory: read, problems } = readOsvRecord({
      id: "TEST-1",
      affected: [
        {
          package: { ecosystem: "npm", name: "a" },
          ranges: [{ type: "SEMVER", events: [{ fixed: "1.0.0" }] }],
        },
        {
          package: { ecosystem: "npm", name: "b" },
          ranges: [{ type: "SEMVER", events: [{ introduced: "0" }, { fixed: "one" }] }],
        },
        {
          package: { ecosystem: "npm", name: "c" },
          ranges: [{ type: "SEMVER", events: [{ introduced: "0" }, { fixed: "2.0.0" }] }],
        },
      ],
    });
    expect(problems).toEqual([
      'affected[0].ranges[0]: no "introduced" event',
      'affected[1].ranges[0]: "one" is not a SemVer version',
    ]);
    expect(read?.affected.map((entry) => entry.name)).toEqual(["c"]);
  });

  it("skips ecosystems Upkeep does not scan and GIT ranges without complaint", () => {
    const { advisory: read, problems } = readOsvRecord({
      id: "TEST-2",
      affected: [
        { package: { ecosystem: "Debian:11", name: "openssl" }, versions: ["1.1"] },
        {
          package: { ecosystem: "PyPI", name: "x" },
          ranges: [{ type: "GIT", repo: "r", events: [{ introduced: "abc" }] }],
          versions: ["1.0"],
        },
      ],
    });
    expect(problems).toEqual([]);
    expect(read?.affected).toEqual([
      { ecosystem: "PyPI", name: "x", ranges: [], versions: ["1.0"] },
    ]);
  });
});

describe("matching packages to advisories", () => {
  const lodashOld = advisory(npmAdvisory(368));
  const lodashProto = advisory(npmAdvisory(493));
  const lodashTemplate = advisory(npmAdvisory(516));
  const ghsa = advisory({
    id: "GHSA-4xc9-xhrj-v574",
    aliases: ["CVE-2018-16487"],
    summary: "Prototype Pollution in lodash",
    database_specific: { severity: "HIGH" },
    affected: [
      {
        package: { ecosystem: "npm", name: "lodash" },
        ranges: [{ type: "SEMVER", events: [{ introduced: "0" }, { fixed: "4.17.11" }] }],
      },
    ],
  });
  const all = [lodashOld, lodashProto, lodashTemplate, ghsa];

  it("finds each advisory whose range holds the version, and none outside", () => {
    const { findings } = matchPackages([pkg("lodash", "4.17.4")], () => all);
    expect(findings.map((finding) => finding.id).sort()).toEqual([
      "GHSA-4xc9-xhrj-v574",
      "NSWG-NPM-368",
    ]);
    expect(matchPackages([pkg("lodash", "4.17.21")], () => all).findings).toEqual([]);
    expect(matchPackages([pkg("lodash", "4.17.16")], () => all).findings.map((f) => f.id)).toEqual([
      "NSWG-NPM-516",
    ]);
  });

  it("merges a GHSA and the record naming its CVE into one finding with both ids", () => {
    const { findings } = matchPackages([pkg("lodash", "4.17.10")], () => all);
    const proto = findings.find((finding) => finding.ids.includes("CVE-2018-16487"));
    expect(findings).toHaveLength(1);
    expect(proto?.id).toBe("GHSA-4xc9-xhrj-v574");
    expect(proto?.ids).toEqual(["CVE-2018-16487", "GHSA-4xc9-xhrj-v574", "NSWG-NPM-493"]);
    // The NSWG record's CVSS 3.0 vector scores 5.7 (medium); GitHub labels it high: the worse wins.
    expect(proto?.severity.level).toBe("high");
    expect(proto?.fixedIn).toBe("4.17.11");
  });

  it("gives the least fixed version that leaves every affected branch", () => {
    const branches = advisory({
      id: "TEST-3",
      affected: [
        {
          package: { ecosystem: "npm", name: "lib" },
          ranges: [
            {
              type: "SEMVER",
              events: [
                { introduced: "0" },
                { fixed: "1.2.3" },
                { introduced: "1.3.0" },
                { fixed: "1.3.4" },
              ],
            },
          ],
        },
      ],
    });
    expect(matchPackages([pkg("lib", "1.0.0")], () => [branches]).findings[0]?.fixedIn).toBe(
      "1.2.3",
    );
    expect(matchPackages([pkg("lib", "1.3.1")], () => [branches]).findings[0]?.fixedIn).toBe(
      "1.3.4",
    );
    const open = advisory({
      id: "TEST-4",
      affected: [
        {
          package: { ecosystem: "npm", name: "lib" },
          ranges: [{ type: "SEMVER", events: [{ introduced: "0" }] }],
        },
      ],
    });
    expect(matchPackages([pkg("lib", "1.3.1")], () => [open]).findings[0]?.fixedIn).toBeUndefined();
  });

  it("skips withdrawn advisories and matches explicit version lists", () => {
    const withdrawn = { ...ghsa, withdrawn: "2024-01-01T00:00:00Z" };
    expect(matchPackages([pkg("lodash", "4.17.10")], () => [withdrawn]).findings).toEqual([]);
    const listed = advisory({
      id: "TEST-5",
      affected: [{ package: { ecosystem: "PyPI", name: "Django_Thing" }, versions: ["1.0"] }],
    });
    const python = pkg("django-thing", "1.0.0", { ecosystem: "PyPI" });
    expect(matchPackages([python], () => [listed]).findings.map((f) => f.id)).toEqual(["TEST-5"]);
  });

  it("reports a package once per lockfile with every line it is locked at", () => {
    const twice = [
      pkg("lodash", "4.17.4"),
      pkg("lodash", "4.17.4", { location: { file: "package-lock.json", line: 40 } }),
    ];
    const { findings } = matchPackages(twice, () => [lodashOld]);
    expect(findings).toHaveLength(1);
    expect(findings[0]?.locations.map((location) => location.line)).toEqual([10, 40]);
  });

  it("keeps fingerprints stable across line moves and distinct across lockfiles", () => {
    const here = matchPackages([pkg("lodash", "4.17.4")], () => [lodashOld]).findings[0];
    const moved = matchPackages(
      [pkg("lodash", "4.17.4", { location: { file: "package-lock.json", line: 99 } })],
      () => [lodashOld],
    ).findings[0];
    const elsewhere = matchPackages(
      [pkg("lodash", "4.17.4", { location: { file: "web/package-lock.json" } })],
      () => [lodashOld],
    ).findings[0];
    expect(moved?.fingerprint).toBe(here?.fingerprint);
    expect(elsewhere?.fingerprint).not.toBe(here?.fingerprint);
  });

  it("lists a version the ecosystem cannot order instead of guessing", () => {
    const { findings, unmatchable } = matchPackages(
      [pkg("lodash", "github:lodash/lodash#main")],
      () => all,
    );
    expect(findings).toEqual([]);
    expect(unmatchable[0]?.reason).toMatch(/not a SemVer version/);
  });
});
