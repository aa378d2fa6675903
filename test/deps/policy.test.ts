import { describe, expect, it } from "vitest";
import { readBaseline } from "../../core/deps/baseline.ts";
import { type DepsConfig, depsConfigSchema, type IgnoreRule } from "../../core/deps/config.ts";
import { parseIgnoreFile } from "../../core/deps/ignore-file.ts";
import type { Finding } from "../../core/deps/match.ts";
import { applyPolicy } from "../../core/deps/policy.ts";

const NOW = new Date("2026-11-25T12:00:00Z");

function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    id: "GHSA-aaaa-bbbb-cccc",
    ids: ["CVE-2024-0001", "GHSA-aaaa-bbbb-cccc"],
    ecosystem: "npm",
    name: "left-pad",
    version: "1.0.0",
    scope: "prod",
    direct: true,
    file: "package-lock.json",
    locations: [{ file: "package-lock.json", line: 4 }],
    severity: { level: "high", score: 7.5, from: "CVSS_V3" },
    fixedIn: "1.0.1",
    fingerprint: "f",
    ...overrides,
  };
}

const config = (deps: Record<string, unknown> = {}): DepsConfig => depsConfigSchema.parse(deps);

function judge(
  findings: Finding[],
  deps: Record<string, unknown> = {},
  ignores: IgnoreRule[] = [],
  baseline?: Set<string>,
) {
  return applyPolicy({
    findings,
    config: config(deps),
    ignores,
    now: NOW,
    ...(baseline ? { baseline } : {}),
  });
}

describe("fail threshold and scope", () => {
  it("fails on high and critical by default, not on medium", () => {
    const outcome = judge([
      finding(),
      finding({
        id: "X-2",
        ids: ["X-2"],
        severity: { level: "medium", score: 5, from: "CVSS_V3" },
      }),
    ]);
    expect(outcome.findings.map((f) => f.status)).toEqual(["failing", "below-threshold"]);
  });

  it("counts an advisory without severity as `unknownSeverity` (high unless configured)", () => {
    const unknown = finding({ severity: { level: "unknown", from: "none" } });
    expect(judge([unknown]).failing).toHaveLength(1);
    expect(judge([unknown], { unknownSeverity: "low" }).failing).toHaveLength(0);
    expect(judge([unknown], { unknownSeverity: "low", failOn: "any" }).failing).toHaveLength(1);
    expect(judge([finding()], { failOn: "none" }).failing).toHaveLength(0);
  });

  it("leaves dev-only findings out of the gate unless includeDev", () => {
    const dev = finding({ scope: "dev" });
    expect(judge([dev]).findings[0]?.status).toBe("dev-only");
    expect(judge([dev], { includeDev: true }).findings[0]?.status).toBe("failing");
  });

  it("fixableOnly fails only findings with a fixed version", () => {
    const unfixed = finding({ fixedIn: undefined });
    expect(judge([unfixed], { fixableOnly: true }).findings[0]?.status).toBe("no-fix");
    expect(judge([finding()], { fixableOnly: true }).findings[0]?.status).toBe("failing");
  });
});

describe("ignores", () => {
  const rule = (extra: Partial<IgnoreRule> = {}): IgnoreRule => ({
    id: "CVE-2024-0001",
    reason: "not reachable",
    ...extra,
  });

  it("an ignore by any alias applies, scoped by package and lockfile path", () => {
    expect(judge([finding()], {}, [rule()]).findings[0]?.status).toBe("ignored");
    expect(judge([finding()], {}, [rule({ package: "other" })]).findings[0]?.status).toBe(
      "failing",
    );
    const nested = finding({ file: "services/legacy/package-lock.json" });
    expect(judge([nested], {}, [rule({ path: "services/legacy/**" })]).findings[0]?.status).toBe(
      "ignored",
    );
    expect(judge([finding()], {}, [rule({ path: "services/legacy/**" })]).findings[0]?.status).toBe(
      "failing",
    );
  });

  it("an expired ignore stops applying and is listed as expired; one expiring soon is listed", () => {
    const expired = rule({ expires: "2026-11-24" });
    const soon = rule({ id: "GHSA-aaaa-bbbb-cccc", expires: "2026-12-01" });
    const later = rule({ id: "X-9", expires: "2027-06-01" });
    const outcome = judge([finding()], {}, [expired, soon, later]);
    expect(outcome.expiredIgnores).toEqual([expired]);
    expect(outcome.expiringIgnores).toEqual([soon]);
    expect(outcome.findings[0]?.ignoredBy).toEqual(soon);
    // A date-only expiry lasts through that day.
    expect(judge([finding()], {}, [rule({ expires: "2026-11-25" })]).findings[0]?.status).toBe(
      "ignored",
    );
  });

  it("the config requires a reason and a real date", () => {
    const bad = depsConfigSchema.safeParse({
      ignores: [{ id: "CVE-1", reason: " ", expires: "next week" }],
    });
    expect(bad.success).toBe(false);
    const messages = bad.error?.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    expect(messages).toEqual([
      "ignores.0.reason: an ignore needs a reason",
      'ignores.0.expires: expected a date such as "2026-12-31" (or an ISO timestamp)',
    ]);
  });

  it("an ignore file's bad entry is reported at its line and the good ones apply", () => {
    const text =
      "ignores:\n  - id: CVE-1\n    reason: vendored, patched\n  - id: CVE-2\n    expires: 2026-01-01\n";
    const parsed = parseIgnoreFile(text, ".github/upkeep-ignores.yml");
    expect(parsed.ignores.map((entry) => entry.id)).toEqual(["CVE-1"]);
    expect(parsed.problems).toEqual([
      {
        file: ".github/upkeep-ignores.yml",
        line: 4,
        message: "ignore #2: reason: Invalid input: expected string, received undefined",
      },
    ]);
  });
});

describe("only new findings against a baseline", () => {
  it("a finding in the baseline SARIF is not new even after a version bump; another is", () => {
    const baselineLog = {
      version: "2.1.0",
      runs: [
        {
          results: [
            {
              properties: {
                ecosystem: "npm",
                name: "left-pad",
                file: "package-lock.json",
                ids: ["CVE-2024-0001"],
              },
            },
          ],
        },
      ],
    };
    const read = readBaseline(JSON.stringify(baselineLog));
    if (!read.ok) throw new Error(read.message);
    const bumped = finding({ version: "1.0.0-beta" });
    const fresh = finding({ id: "GHSA-new", ids: ["GHSA-new"] });
    const outcome = judge([bumped, fresh], { onlyNew: true }, [], read.keys);
    expect(outcome.findings.map((f) => [f.id, f.isNew, f.status])).toEqual([
      ["GHSA-aaaa-bbbb-cccc", false, "in-baseline"],
      ["GHSA-new", true, "failing"],
    ]);
  });

  it("a baseline that is neither SARIF nor a report says what was expected", () => {
    expect(readBaseline("[]")).toEqual({
      ok: false,
      message: "expected a SARIF log (runs[]) or an Upkeep deps report (findings[])",
    });
    expect(readBaseline("{")).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^not JSON/),
    });
  });
});
