// A hostile .github/upkeep.yml through the App as GitHub drives it: signed webhooks to the running
// server, the sandbox as GitHub. Every case must end in a located config report, never a 500.
import { afterEach, describe, expect, it } from "vitest";
import { type Harness, REPO, severityLabels, startHarness } from "./harness.ts";

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const REPORT_TITLE = "Upkeep: invalid .github/upkeep.yml";

/** An alias bomb: nine levels of nine aliases each expand to 9^9 scalars. */
function aliasBomb(): string {
  const lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"];
  for (let level = 1; level < 9; level++) {
    const name = String.fromCharCode(97 + level);
    const previous = String.fromCharCode(96 + level);
    lines.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(", ")}]`);
  }
  return `${lines.join("\n")}\n`;
}

async function reportAfterOneIssue(files: Record<string, string>, extra?: (h: Harness) => void) {
  harness = await startHarness({ files });
  extra?.(harness);
  const { sandbox } = harness;
  const number = await sandbox.as("visitor").openIssue(REPO, { title: "Outage in EU" });
  await sandbox.idle();
  const reports = sandbox.issues(REPO).filter((issue) => issue.title === REPORT_TITLE);
  return { number, reports, sandbox };
}

describe("a hostile config file", () => {
  it("an alias bomb becomes a located config report and triage runs on defaults", async () => {
    const { number, reports, sandbox } = await reportAfterOneIssue({
      ".github/upkeep.yml": aliasBomb(),
    });
    expect(reports).toHaveLength(1);
    expect(reports[0]?.body).toMatch(/\.github\/upkeep\.yml:\d+:\d+: more than 64 YAML aliases/);
    expect(severityLabels(sandbox, number)).toEqual(["severity: critical"]);
  });

  it("a file over the size budget is reported by its size, not read", async () => {
    const big = `triage:\n  explain: true\n# ${"x".repeat(300 * 1024)}\n`;
    const { reports } = await reportAfterOneIssue({ ".github/upkeep.yml": big });
    expect(reports[0]?.body).toContain("Upkeep reads config files up to 256 KiB");
  });

  it("_extends may not name another file than Upkeep's config", async () => {
    const { reports } = await reportAfterOneIssue(
      { ".github/upkeep.yml": "_extends: secrets:deploy/keys.yml\n" },
      ({ sandbox }) =>
        sandbox.addRepo("octo-org/secrets", {
          files: { "deploy/keys.yml": "aws_secret_access_key: AKIAEXAMPLESECRET\n" },
        }),
    );
    expect(reports).toHaveLength(1);
    expect(reports[0]?.body).toContain(".github/upkeep.yml:1:1 at _extends");
    expect(reports[0]?.body).toContain("only .github/upkeep.yml of another repository");
    expect(reports[0]?.body).not.toContain("aws_secret_access_key");
  });

  it("_extends may not leave the owner's repositories", async () => {
    const { reports } = await reportAfterOneIssue({
      ".github/upkeep.yml": "_extends: someone-else/.github\n",
    });
    expect(reports[0]?.body).toContain("only repositories of octo-org can be extended");
  });

  it("a problem in an inherited file names its file, key and line but never its content", async () => {
    const inherited =
      "triage:\n  rules:\n    - severity: critical\n      pattern: 'internal-codename-zebra('\n";
    const { reports } = await reportAfterOneIssue(
      { ".github/upkeep.yml": "_extends: private-defaults\ntriage:\n  explain: true\n" },
      ({ sandbox }) =>
        sandbox.addRepo("octo-org/private-defaults", {
          files: { ".github/upkeep.yml": inherited },
        }),
    );
    const body = reports[0]?.body ?? "";
    expect(body).toContain("octo-org/private-defaults:.github/upkeep.yml:4");
    expect(body).toContain("triage.rules.0.pattern");
    expect(body).not.toContain("zebra");
  });
});
