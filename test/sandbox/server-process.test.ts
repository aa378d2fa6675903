import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { afterEach, describe, expect, it } from "vitest";

let child: ChildProcess | undefined;

afterEach(async () => {
  if (child && child.exitCode === null) {
    child.kill("SIGTERM");
    await once(child, "exit");
  }
  child = undefined;
});

async function startServerProcess(): Promise<string> {
  child = spawn(
    process.execPath,
    ["sandbox/server.ts", "--port", "0", "--repo", "octo-org/octo-repo"],
    { cwd: process.cwd() },
  );
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  const deadline = Date.now() + 20_000;
  while (!/listening on (http:\/\/\S+)/.test(output)) {
    if (Date.now() > deadline || child.exitCode !== null)
      throw new Error(`sandbox server did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return /listening on (http:\/\/\S+)/.exec(output)![1]!;
}

async function control(url: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${url}/_sandbox/${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("the sandbox as its own process", () => {
  it("prints its URL, serves the REST API and is scriptable over /_sandbox", async () => {
    const url = await startServerProcess();
    await control(url, "PUT", "files/octo-org/octo-repo/.github/upkeep.yml", {
      text: "severity: {}\n",
    });
    const opened = await control(url, "POST", "as/alice/openIssue", {
      args: ["octo-org/octo-repo", { title: "From afar", labels: ["bug"] }],
    });
    expect(opened).toEqual({ status: 200, body: { result: 1 } });
    const { body: tokenBody } = await control(url, "POST", "tokens", { owner: "octo-org" });
    const headers = { authorization: `token ${tokenBody.token}` };

    const issue = (await (
      await fetch(`${url}/repos/octo-org/octo-repo/issues/1`, { headers })
    ).json()) as { title: string; labels: { name: string }[] };
    expect(issue.title).toBe("From afar");
    expect(issue.labels.map((label) => label.name)).toEqual(["bug"]);
    const file = await fetch(`${url}/repos/octo-org/octo-repo/contents/.github/upkeep.yml`, {
      headers: { ...headers, accept: "application/vnd.github.raw" },
    });
    expect(await file.text()).toBe("severity: {}\n");

    const unknown = await control(url, "POST", "as/alice/deleteEverything", { args: [] });
    expect(unknown.status).toBe(404);
    const badRepo = await control(url, "POST", "as/alice/openIssue", {
      args: ["octo-org/missing", { title: "x" }],
    });
    expect(badRepo).toEqual({
      status: 400,
      body: { message: expect.stringContaining("no repository octo-org/missing") },
    });
    expect((await control(url, "GET", "validation-errors")).body).toEqual([]);
  });
});
