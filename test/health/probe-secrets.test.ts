// Probe secrets through the health-check action as the runner runs it, against a local service:
// headers read only allowlisted variables, and credentials never reach issues, logs or summaries.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "../../sandbox/index.ts";
import { runAction } from "../support/run-action.ts";
import { REPO_ROOT } from "../support/run-cli.ts";

const REPO = "octo-org/octo-repo";
const PROBE_KEY = "s3cret-probe-key";
let service: Server;
let base: string;
const received: IncomingHttpHeaders[] = [];
let sandbox: Sandbox | undefined;

beforeAll(async () => {
  service = createServer((request, response) => {
    received.push(request.headers);
    if (request.url?.startsWith("/echo-host")) {
      // A hostile service reflects what it was sent into the one text Upkeep repeats: a host name.
      const key = String(request.headers["x-key"] ?? "none");
      response.writeHead(302, { location: `http://${key}.example/` }).end();
      return;
    }
    response.writeHead(503).end("down");
  });
  await new Promise<void>((resolve) => service.listen(0, "127.0.0.1", resolve));
  base = `127.0.0.1:${(service.address() as AddressInfo).port}`;
});
afterAll(() => service.close());
afterEach(async () => {
  sandbox?.assertValid();
  await sandbox?.close();
  sandbox = undefined;
  received.length = 0;
});

async function runWithProbes(
  probes: string[],
  env: Record<string, string> = {},
  inputs: Record<string, string> = {},
) {
  sandbox = await startSandbox();
  sandbox.addRepo(REPO, {
    files: {
      ".github/upkeep.yml": [
        "health:",
        "  consecutiveFailures: 1",
        "  probes:",
        ...probes,
        "",
      ].join("\n"),
    },
  });
  const token = sandbox.installationToken("octo-org");
  const run = await runAction({
    entry: `${REPO_ROOT}/actions/health-check/dist/index.js`,
    inputs: { token, config: ".github/upkeep.yml", ...inputs },
    eventName: "schedule",
    repository: REPO,
    apiUrl: sandbox.url,
    env,
  });
  const issues = sandbox.issues(REPO);
  // `::add-mask::` is how the action tells the runner what to hide; everything else must not show it.
  const logs = run.stdout.replace(/^::add-mask::.*$/gm, "");
  const everything = [logs, run.stderr, run.summary, JSON.stringify(issues)].join("\n");
  return { run, token, issues, everything };
}

function incidentBody(issues: { title: string; body: string | null }[], probe: string): string {
  return issues.find((issue) => issue.title === `${probe} is down`)?.body ?? "";
}

describe("probe headers and the environment", () => {
  it("a header cannot read the workflow's token: it is never sent, and the incident says why", async () => {
    const { run, token, issues } = await runWithProbes([
      "    - name: api",
      `      http: { url: "http://${base}/health", headers: { Authorization: "env:INPUT_TOKEN" } }`,
    ]);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(received).toHaveLength(0);
    expect(JSON.stringify(received)).not.toContain(token);
    expect(incidentBody(issues, "api")).toContain(
      "header Authorization may not read environment variable INPUT_TOKEN",
    );
  });

  it("an allowlisted variable is sent, and a service echoing it gets it masked", async () => {
    const { run, issues, everything } = await runWithProbes(
      [
        "    - name: echo",
        `      http: { url: "http://${base}/echo-host", headers: { X-Key: "env:UPKEEP_PROBE_KEY" } }`,
      ],
      { UPKEEP_PROBE_KEY: PROBE_KEY },
    );
    expect(run.exitCode, run.stderr).toBe(0);
    expect(received[0]?.["x-key"]).toBe(PROBE_KEY);
    expect(incidentBody(issues, "echo")).toContain("redirect to another host (***.example)");
    expect(everything).not.toContain(PROBE_KEY);
  });

  it("the probe-env input widens the allowlist to a name the workflow chooses", async () => {
    const { issues } = await runWithProbes(
      [
        "    - name: api",
        `      http: { url: "http://${base}/health", headers: { Authorization: "env:STATUS_TOKEN" } }`,
      ],
      { STATUS_TOKEN: "Bearer from-workflow" },
      { "probe-env": "UPKEEP_PROBE_*, STATUS_TOKEN" },
    );
    expect(received[0]?.authorization).toBe("Bearer from-workflow");
    expect(incidentBody(issues, "api")).toContain("status 503");
  });
});

describe("probe URLs with credentials", () => {
  it("user:password and key-like query values are masked in issues, logs and the summary", async () => {
    const { run, issues, everything } = await runWithProbes([
      "    - name: api",
      `      http: { url: "http://probe-user:hunter2pass@${base}/health?token=tok-9f8e7d&page=2&X-Amz-Signature=sig-abc123" }`,
    ]);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(received[0]?.authorization).toMatch(/^Basic /); // the credentials were still used
    const body = incidentBody(issues, "api");
    expect(body).toContain(`http://***@${base}/health?token=***&page=2&X-Amz-Signature=***`);
    for (const secret of ["hunter2pass", "tok-9f8e7d", "sig-abc123"])
      expect(everything).not.toContain(secret);
  });
});
