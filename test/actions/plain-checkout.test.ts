// A workflow's `uses: OWNER/upkeep/actions/NAME@v1` gets a plain checkout of this repository: no
// node_modules, no TypeScript. The committed bundles (and the SAST action's vendored native
// parsers) must be enough; this copies the shipped files away from node_modules and runs them.
import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runAction } from "../support/run-action.ts";
import { REPO_ROOT } from "../support/run-cli.ts";

let checkout: string;
let workspace: string;

beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), "upkeep-plain-"));
  checkout = join(dir, "upkeep");
  for (const shipped of ["action.yml", "dist", "actions", "rules", "templates"]) {
    cpSync(join(REPO_ROOT, shipped), join(checkout, shipped), {
      recursive: true,
      filter: (path) => !path.endsWith(".ts"),
    });
  }
  workspace = join(dir, "workspace");
  cpSync(join(REPO_ROOT, "README.md"), join(workspace, "README.md"));
  writeFileSync(
    join(workspace, "server.js"),
    'const { exec } = require("child_process");\nmodule.exports = (req) => exec("ls " + req.query.dir);\n',
  );
});

describe("actions from a plain checkout", () => {
  it("the SAST action finds its native parsers and built-in rules beside its bundle", async () => {
    const run = await runAction({
      entry: join(checkout, "actions/sast-scan/dist/index.js"),
      inputs: { token: "", path: "." },
      eventName: "push",
      workspace,
    });
    expect(run.stdout).toContain(
      "::error title=critical js-command-injection,file=server.js,line=2",
    );
    expect(run.outputs.findings).toBe("1");
    expect(run.exitCode).toBe(1); // a critical finding fails the step at the default threshold
  });

  it("the root action runs a job from its bundle", async () => {
    const run = await runAction({
      entry: join(checkout, "dist/action.js"),
      inputs: { job: "sast-scan", token: "", path: "." },
      eventName: "push",
      workspace,
    });
    expect(run.outputs.findings).toBe("1");
  });
});
