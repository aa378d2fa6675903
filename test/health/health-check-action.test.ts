// The health-check action as the runner runs it, against the GitHub sandbox and a local service.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "../../sandbox/index.ts";
import { runAction } from "../support/run-action.ts";
import { REPO_ROOT } from "../support/run-cli.ts";

const REPO = "octo-org/octo-repo";
let sandbox: Sandbox;
let service: Server;
let serviceUp = true;

beforeAll(async () => {
  service = createServer((request, response) => {
    if (request.url === "/moved") {
      response.writeHead(302, { location: "http://192.0.2.1/elsewhere" }).end();
      return;
    }
    response.writeHead(serviceUp ? 200 : 503, { "content-type": "application/json" });
    response.end(
      JSON.stringify({ status: serviceUp ? "ok" : "failing", secret: "<b>@someone</b>" }),
    );
  });
  await new Promise<void>((resolve) => service.listen(0, "127.0.0.1", resolve));
  const port = (service.address() as AddressInfo).port;
  sandbox = await startSandbox();
  sandbox.addRepo(REPO, {
    files: {
      ".github/upkeep.yml": [
        "health:",
        "  probes:",
        "    - name: api",
        `      http: { url: "http://127.0.0.1:${port}/health", jsonPath: "$.status", equals: ok }`,
        "      timeout: 5s",
        "    - name: moved",
        `      http: { url: "http://127.0.0.1:${port}/moved", status: "200" }`,
        "  consecutiveFailures: 2",
        "  failureRatio: 1",
        "  recoverAfter: 2",
      ].join("\n"),
    },
  });
});

afterAll(async () => {
  sandbox?.assertValid();
  await sandbox?.close();
  service?.close();
});

function runHealthCheck() {
  return runAction({
    entry: `${REPO_ROOT}/actions/health-check/dist/index.js`,
    inputs: { token: sandbox.installationToken("octo-org"), config: ".github/upkeep.yml" },
    eventName: "schedule",
    repository: REPO,
    apiUrl: sandbox.url,
  });
}

describe("health-check action", () => {
  it("opens one critical incident per failing probe, keeps history, and closes it on recovery", async () => {
    serviceUp = false;
    const first = await runHealthCheck();
    expect(first.exitCode, first.stderr + first.stdout).toBe(0);
    const second = await runHealthCheck();
    expect(second.outputs.status).toBe("down");
    expect(second.outputs["down-count"]).toBe("2");

    const incidents = () =>
      sandbox.issues(REPO).filter((issue) => issue.labels.includes("incident"));
    expect(incidents().map((issue) => [issue.title, issue.state])).toEqual([
      ["api is down", "open"],
      ["moved is down", "open"],
    ]);
    const api = incidents().find((issue) => issue.title === "api is down")!;
    expect(api.labels).toContain("severity: critical");
    expect(api.body).not.toContain("@someone"); // response bodies are never echoed
    const moved = incidents().find((issue) => issue.title === "moved is down")!;
    expect(moved.body).toContain("redirect to another host (192.0.2.1) not followed");

    // A third failing run changes nothing: still one incident per probe.
    await runHealthCheck();
    expect(incidents()).toHaveLength(2);

    serviceUp = true;
    await runHealthCheck();
    expect(sandbox.issue(REPO, api.number).state).toBe("open"); // one good check is not recovery
    const recovered = await runHealthCheck();
    const closed = sandbox.issue(REPO, api.number);
    expect(closed.state).toBe("closed");
    expect(closed.stateReason).toBe("completed");
    expect(closed.comments.at(-1)?.body).toMatch(
      /recovered: 2 good checks in a row\. Downtime: \d+m?/,
    );

    const status = sandbox.issues(REPO).filter((issue) => issue.labels.includes("upkeep: health"));
    expect(status).toHaveLength(1);
    expect(status[0]?.body).toMatch(/\| `api` \| 🟢 up \| 40\.00% \| 40\.00% \| 40\.00% \|/);
    expect(recovered.summary).toContain("Upkeep health check");
    expect(recovered.summary).toContain("xychart-beta");
    expect(recovered.outputs["status-issue"]).toBe(String(status[0]?.number));
  });
});
