// The SAST action as the runner runs it: the bundled dist in a subprocess, with the GitHub
// sandbox behind the security-window issues and a real git history for pull-request diffs.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "../../sandbox/index.ts";
import { runAction } from "../support/run-action.ts";
import { REPO_ROOT } from "../support/run-cli.ts";
import { validateSarif } from "../support/sarif-validate.ts";

const ENTRY = `${REPO_ROOT}/actions/sast-scan/dist/index.js`;
const REPO = "octo-org/octo-repo";
const CONFIG = "sast:\n  failOn: high\n  trackOn: critical\n";

const VULNERABLE = [
  'const { exec } = require("child_process");',
  'app.get("/ping", (req, res) => {',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: JavaScript source under test
  "  exec(`ping -c 1 ${req.query.host}`);",
  "});",
  "",
].join("\n");

function workspace(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "upkeep-sast-ws-"));
  for (const [path, text] of Object.entries({ ".github/upkeep.yml": CONFIG, ...files })) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

function git(root: string, ...args: string[]): string {
  return execFileSync("git", args, {
    cwd: root,
    encoding: "utf8",
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: "t",
      GIT_AUTHOR_EMAIL: "t@example.com",
      GIT_COMMITTER_NAME: "t",
      GIT_COMMITTER_EMAIL: "t@example.com",
    },
  }).trim();
}

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await startSandbox();
  sandbox.addRepo(REPO, { files: { ".github/upkeep.yml": CONFIG } });
});
afterEach(async () => {
  sandbox.assertValid();
  await sandbox.close();
});

const openIssues = () => sandbox.issues(REPO).filter((issue) => issue.state === "open");

describe("sast-scan action", () => {
  it("fails on a critical finding, annotates it, writes valid SARIF, and keeps one security window", async () => {
    const root = workspace({
      "src/server.js": VULNERABLE,
      "src/ok.js": "export const ok = true;\n",
    });
    const options = {
      entry: ENTRY,
      inputs: { token: sandbox.installationToken("octo-org"), "sarif-file": "out/sast.sarif" },
      repository: REPO,
      apiUrl: sandbox.url,
      workspace: root,
      eventName: "push",
    };
    const run = await runAction(options);
    expect(run.exitCode, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toContain(
      "::error title=critical js-command-injection,file=src/server.js,line=3,endLine=3::Request data reaches a shell command",
    );
    expect(run.outputs).toMatchObject({
      failing: "1",
      critical: "1",
      "new-findings": "1",
      incomplete: "false",
    });
    const sarif = JSON.parse(readFileSync(join(root, "out/sast.sarif"), "utf8"));
    expect(validateSarif(sarif)).toEqual([]);
    expect(run.summary).toContain("## Upkeep SAST scan: ❌ failing");
    expect(run.summary).toContain("| critical | `js-command-injection` |");
    expect(openIssues().map((issue) => issue.title)).toEqual([
      expect.stringContaining("js-command-injection in src/server.js"),
    ]);

    await runAction(options);
    expect(openIssues()).toHaveLength(1);

    writeFileSync(
      join(root, "src/server.js"),
      VULNERABLE.replace("req.query.host", "'example.com'"),
    );
    const fixed = await runAction(options);
    expect(fixed.exitCode, fixed.stdout).toBe(0);
    expect(openIssues()).toHaveLength(0);
  });

  it("on a pull request annotates only findings on changed lines", async () => {
    const root = workspace({ "src/old.js": VULNERABLE });
    git(root, "init", "-q", "-b", "main");
    git(root, "add", ".");
    git(root, "commit", "-q", "-m", "base");
    const base = git(root, "rev-parse", "HEAD");
    writeFileSync(join(root, "src/new.js"), VULNERABLE.replace("req.query.host", "req.body.host"));
    git(root, "add", ".");
    git(root, "commit", "-q", "-m", "head");
    const head = git(root, "rev-parse", "HEAD");
    const run = await runAction({
      entry: ENTRY,
      inputs: { token: "", "fail-on": "none" },
      repository: REPO,
      workspace: root,
      eventName: "pull_request",
      event: { pull_request: { number: 1, base: { sha: base }, head: { sha: head } } },
    });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain("file=src/new.js,line=3");
    expect(run.stdout).not.toContain("file=src/old.js");
    expect(run.outputs["new-findings"]).toBe("2");
  });

  it("reports a broken user rule and a binary file, finishes the scan and fails as incomplete", async () => {
    const root = workspace({
      "src/server.js": VULNERABLE,
      "my-rules/bad.yml":
        "id: bad\nlanguage: klingon\nseverity: high\nmessage: m\nrule: { pattern: x }\n",
      "src/data.js": "\u0000\u0001binary",
    });
    const run = await runAction({
      entry: ENTRY,
      inputs: { token: "", rules: "my-rules", "fail-on": "none" },
      repository: REPO,
      workspace: root,
      eventName: "push",
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.incomplete).toBe("true");
    expect(run.outputs.critical).toBe("1");
    expect(run.stdout).toContain("SAST scan incomplete");
    expect(run.summary).toContain("my-rules/bad.yml (rule bad)");
    expect(run.summary).toContain("src/data.js");
  });

  it("scans a large checkout on worker threads inside the bundled file and caps annotations", async () => {
    const files: Record<string, string> = {};
    for (let index = 0; index < 120; index++) files[`src/f${index}.js`] = VULNERABLE;
    const run = await runAction({
      entry: ENTRY,
      inputs: { token: "", jobs: "2" },
      repository: REPO,
      workspace: workspace(files),
      eventName: "push",
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ critical: "120", incomplete: "false" });
    expect(run.stdout.match(/::error title=critical/g)).toHaveLength(50);
    expect(run.stdout).toContain("70 more finding(s) are in the summary and SARIF");
  });

  it("scans only the `path` input and still reports paths from the repository root", async () => {
    const root = workspace({
      "services/api/server.js": VULNERABLE,
      "legacy/server.js": VULNERABLE,
    });
    const run = await runAction({
      entry: ENTRY,
      inputs: { token: "", path: "services/api", "sarif-file": "sast.sarif" },
      repository: REPO,
      workspace: root,
      eventName: "push",
    });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain("file=services/api/server.js,line=3");
    expect(run.stdout).not.toContain("legacy/");
    const sarif = JSON.parse(readFileSync(join(root, "sast.sarif"), "utf8"));
    const uris = sarif.runs[0].results.map(
      (result: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
        result.locations[0]?.physicalLocation.artifactLocation.uri,
    );
    expect(uris).toEqual(["services/api/server.js"]);
  });
});
