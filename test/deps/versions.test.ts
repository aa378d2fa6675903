import { describe, expect, it } from "vitest";
import type { Ecosystem } from "../../core/deps/package.ts";
import { versionScheme } from "../../core/deps/versions/index.ts";

/** Each row lists versions in ascending order; "=" joins versions that are equal. */
const orders: [Ecosystem, string[]][] = [
  [
    "npm",
    [
      "0.0.1",
      "1.0.0-alpha",
      "1.0.0-alpha.1",
      "1.0.0-beta",
      "1.0.0-rc.1",
      "1.0.0",
      "1.0.1",
      "1.10.0",
    ],
  ],
  [
    "Go",
    [
      "v0.0.0-20190101000000-abcdef123456",
      "v0.1.0",
      "v1.2.3",
      "v1.2.4=1.2.4",
      "v2.0.0+incompatible",
    ],
  ],
  ["crates.io", ["0.9.9", "0.10.0", "1.0.0-pre.1", "1.0.0"]],
  ["Pub", ["1.0.0-dev.1", "1.0.0", "1.0.0+1", "1.0.0+2", "1.0.0+10", "1.0.1"]],
  ["Hex", ["0.9.0", "1.0.0-rc.0", "1.0.0=1.0.0+build", "1.0.1"]],
  [
    "PyPI",
    [
      "1.0.dev0",
      "1.0a1",
      "1.0a2.dev1",
      "1.0a2",
      "1.0b1",
      "1.0rc1=1.0c1=1.0-RC-1",
      "1.0=1.0.0=v1.0",
      "1.0+local.1",
      "1.0+local.2",
      "1.0.post1.dev0",
      "1.0.post1=1.0-1=1.0.rev1",
      "1.1",
      "1!0.5",
    ],
  ],
  [
    "Maven",
    [
      "1.0-alpha-1=1.0-a1",
      "1.0-beta-1",
      "1.0-milestone-1=1.0-m1",
      "1.0-rc-1=1.0-cr-1",
      "1.0-SNAPSHOT",
      "1.0=1.0.0=1-ga=1.0.final=1.0.RELEASE",
      "1.0-sp-1",
      "1.0-foo",
      "1.0.1",
      "1.10",
    ],
  ],
  ["RubyGems", ["1.0.a", "1.0.a.2", "1.0.b1", "1.0.rc1", "1.0=1.0.0=1", "1.0.1", "1.10"]],
  [
    "Packagist",
    [
      "1.0.0-dev",
      "1.0.0-alpha1",
      "1.0.0-beta2",
      "1.0.0-RC1",
      "1.0.0=v1.0.0",
      "1.0.0-pl1=1.0.0-p1",
      "1.0.1",
    ],
  ],
  [
    "NuGet",
    [
      "1.0.0-alpha",
      "1.0.0-Alpha.1=1.0.0-alpha.1",
      "1.0.0-beta",
      "1.0=1.0.0=1.0.0.0",
      "1.0.0.1",
      "1.0.1",
    ],
  ],
];

describe("version ordering per ecosystem", () => {
  for (const [ecosystem, ladder] of orders) {
    it(`${ecosystem} orders ${ladder.join(" < ")}`, () => {
      const scheme = versionScheme(ecosystem);
      const steps = ladder.map((step) => step.split("="));
      for (const step of steps) {
        for (const version of step) expect(scheme.isValid(version), version).toBe(true);
        for (const other of step)
          expect(scheme.compare(step[0]!, other), `${step[0]} = ${other}`).toBe(0);
      }
      for (let low = 0; low < steps.length; low++) {
        for (let high = low + 1; high < steps.length; high++) {
          const [a, b] = [steps[low]![0]!, steps[high]![0]!];
          expect(scheme.compare(a, b), `${a} < ${b}`).toBeLessThan(0);
          expect(scheme.compare(b, a), `${b} > ${a}`).toBeGreaterThan(0);
        }
      }
    });
  }

  it("rejects text that is no version in the ecosystem", () => {
    expect(versionScheme("npm").isValid("not-a-version")).toBe(false);
    expect(versionScheme("PyPI").isValid("1.0-foo")).toBe(false);
    expect(versionScheme("NuGet").isValid("1.2.3.4.5")).toBe(false);
    expect(() => versionScheme("PyPI").compare("1.0", "banana")).toThrow(/banana/);
  });
});
