// The CLI loads config with the loader the App uses: `_extends` and the organisation's `.github`
// repository are followed when a token is given (here against the sandbox), and named otherwise.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "../../sandbox/index.ts";
import { runUpkeep } from "../support/run-cli.ts";

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
  sandbox.addRepo("octo-org/octo-repo", {});
  sandbox.addRepo("octo-org/.github", {
    files: {
      ".github/upkeep.yml":
        "triage:\n  rules:\n    - severity: minor\n      keywords: [checkout]\n",
    },
  });
  sandbox.addRepo("octo-org/broken-defaults", {
    files: { ".github/upkeep.yml": "timezone: Secret/Codename-Falcon\n" },
  });
});
afterAll(() => sandbox.close());

function checkout(config: string): string {
  const root = mkdtempSync(join(tmpdir(), "upkeep-extends-"));
  mkdirSync(join(root, ".github"));
  writeFileSync(join(root, ".github/upkeep.yml"), config);
  return root;
}

function withToken() {
  return {
    GITHUB_TOKEN: sandbox.installationToken("octo-org"),
    GITHUB_API_URL: sandbox.url,
    GITHUB_REPOSITORY: "octo-org/octo-repo",
  };
}

const title = ["--title", "Checkout is down for everyone", "--body-file", "-", "--json"];

describe("config with _extends from the CLI", () => {
  it("follows _extends with a token: the inherited rule decides", async () => {
    const root = checkout("_extends: .github\ntriage:\n  explain: true\n");
    const run = await runUpkeep(["triage", ...title], { cwd: root, env: withToken() });
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout).severity).toBe("minor");
  });

  it("without a token uses the local file alone and says so", async () => {
    const root = checkout("_extends: .github\ntriage:\n  explain: true\n");
    const run = await runUpkeep(["triage", ...title], {
      cwd: root,
      env: { GITHUB_TOKEN: "", GH_TOKEN: "", GITHUB_REPOSITORY: "octo-org/octo-repo" },
    });
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toContain("_extends not followed (no GitHub token: set GITHUB_TOKEN)");
    expect(JSON.parse(run.stdout).severity).toBe("critical");
  });

  it("a bad inherited file is named with its key and line, never its content", async () => {
    const root = checkout("_extends: broken-defaults\n");
    const run = await runUpkeep(["config", "validate"], { cwd: root, env: withToken() });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("octo-org/broken-defaults:.github/upkeep.yml:1:11 at timezone");
    expect(run.stderr).not.toContain("Falcon");
  });

  it("a token GitHub refuses costs a note, not the local run", async () => {
    const local = await runUpkeep(["triage", ...title], {
      cwd: mkdtempSync(join(tmpdir(), "upkeep-no-config-")),
      env: { ...withToken(), GITHUB_TOKEN: "not-a-token" },
    });
    expect(local.exitCode).toBe(0);
    expect(local.stderr).toContain(
      "cannot read octo-org/.github:.github/upkeep.yml (GitHub answered 401); not used",
    );
  });

  it("an alias bomb in the local file is exit 2 with its line", async () => {
    const lines = ["a: &a [x, x, x, x, x, x, x, x, x]"];
    for (let level = 1; level < 9; level++) {
      const name = String.fromCharCode(97 + level);
      lines.push(
        `${name}: &${name} [${Array(9)
          .fill(`*${String.fromCharCode(96 + level)}`)
          .join(", ")}]`,
      );
    }
    const root = checkout(`${lines.join("\n")}\n`);
    const run = await runUpkeep(["config", "validate"], { cwd: root, env: { GITHUB_TOKEN: "" } });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/^\.github\/upkeep\.yml:9:\d+: more than 64 YAML aliases/);
  });
});
