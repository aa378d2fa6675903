import { afterEach, describe, expect, it } from "vitest";
import { createClient } from "../../github/client.ts";
import { type Sandbox, startSandbox } from "../../sandbox/index.ts";

const REPO = "octo-org/octo-repo";
let sandbox: Sandbox | undefined;

afterEach(async () => {
  sandbox?.assertValid();
  await sandbox?.close();
  sandbox = undefined;
});

describe("faults on demand", () => {
  it("the retrying client completes every call while 20% of requests fail", async () => {
    sandbox = await startSandbox({ faults: { rate: 0.2, seed: 7 } });
    sandbox.addRepo(REPO);
    for (let index = 1; index <= 12; index++)
      await sandbox.as("alice").openIssue(REPO, { title: `Issue ${index}` });
    const client = createClient({
      token: sandbox.installationToken("octo-org"),
      baseUrl: sandbox.url,
    });
    const seen: number[] = [];
    for (let number = 1; number <= 12; number++) {
      const { data } = await client.request("GET /repos/{owner}/{repo}/issues/{issue_number}", {
        owner: "octo-org",
        repo: "octo-repo",
        issue_number: number,
      });
      seen.push(data.number);
    }
    await client.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", {
      owner: "octo-org",
      repo: "octo-repo",
      issue_number: 1,
      body: "still here",
    });
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const failures = sandbox.requests.filter((request) => request.status >= 400);
    expect(failures.length).toBeGreaterThan(0);
    // A faulted request changes nothing, so the retried comment exists exactly once.
    expect(sandbox.issue(REPO, 1).comments.map((comment) => comment.body)).toEqual(["still here"]);
  });

  it("a lost answer applies the write (and sends its webhook) but answers 502; reads are untouched", async () => {
    sandbox = await startSandbox({ faults: { rate: 1, kinds: ["lost"] } });
    sandbox.addRepo(REPO);
    const headers = {
      authorization: `token ${sandbox.installationToken("octo-org")}`,
      "content-type": "application/json",
    };
    const created = await fetch(`${sandbox.url}/repos/${REPO}/issues`, {
      method: "POST",
      headers,
      body: JSON.stringify({ title: "Exists anyway" }),
    });
    expect(created.status).toBe(502);
    await sandbox.idle();
    expect(sandbox.issues(REPO).map((issue) => issue.title)).toEqual(["Exists anyway"]);
    expect(sandbox.deliveries.map((delivery) => `${delivery.event}.${delivery.action}`)).toEqual([
      "issues.opened",
    ]);
    const read = await fetch(`${sandbox.url}/repos/${REPO}/issues/1`, { headers });
    expect(read.status).toBe(200);
  });

  it("each kind answers as GitHub does and leaves state untouched", async () => {
    sandbox = await startSandbox();
    sandbox.addRepo(REPO);
    const token = sandbox.installationToken("octo-org");
    const post = () =>
      fetch(`${sandbox!.url}/repos/${REPO}/issues`, {
        method: "POST",
        headers: { authorization: `token ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ title: "Should not exist" }),
      });
    const expected = {
      "500": { status: 500, message: "Server Error" },
      "502": { status: 502, message: "Server Error" },
      "429": { status: 429, message: "API rate limit exceeded for installation." },
      secondary: { status: 403, message: expect.stringContaining("secondary rate limit") },
    } as const;
    for (const [kind, answer] of Object.entries(expected)) {
      sandbox.setFaults({ rate: 1, kinds: [kind as keyof typeof expected] });
      const response = await post();
      expect(response.status).toBe(answer.status);
      expect(await response.json()).toMatchObject({ message: answer.message });
      if (kind === "429") {
        expect(response.headers.get("retry-after")).toBe("1");
        expect(response.headers.get("x-ratelimit-remaining")).toBe("0");
      }
      if (kind === "secondary") expect(response.headers.get("retry-after")).toBe("1");
    }
    sandbox.setFaults({ rate: 0 });
    expect(sandbox.issues(REPO)).toEqual([]);
    expect((await post()).status).toBe(201);
  });

  it("the same seed fails the same requests", async () => {
    const pattern = async () => {
      const box = await startSandbox({ faults: { rate: 0.3, seed: 42 } });
      const statuses: number[] = [];
      for (let index = 0; index < 20; index++)
        statuses.push((await fetch(`${box.url}/rate_limit`)).status);
      await box.close();
      return statuses;
    };
    const first = await pattern();
    expect(first.some((status) => status !== 200)).toBe(true);
    expect(await pattern()).toEqual(first);
  });
});

describe("GitHub's content limit and lost answers, played by the sandbox", () => {
  const post = (s: Sandbox, token: string, body: string) =>
    fetch(`${s.url}/repos/${REPO}/issues/1/comments`, {
      method: "POST",
      headers: { authorization: `token ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ body }),
    });

  it("after the window's writes, writes get 403 secondary rate limit with retry-after; reads do not", async () => {
    sandbox = await startSandbox();
    sandbox.addRepo(REPO);
    await sandbox.as("alice").openIssue(REPO, { title: "Issue" });
    const token = sandbox.installationToken("octo-org");
    sandbox.limitWrites({ writes: 2, windowMs: 60_000 });
    const statuses = [];
    for (let index = 0; index < 3; index++)
      statuses.push((await post(sandbox, token, `c${index}`)).status);
    expect(statuses).toEqual([201, 201, 403]);
    const limited = await post(sandbox, token, "again");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(50);
    expect(((await limited.json()) as { message: string }).message).toMatch(/secondary rate limit/);
    const read = await fetch(`${sandbox.url}/repos/${REPO}/issues/1`, {
      headers: { authorization: `token ${token}` },
    });
    expect(read.status).toBe(200);
    expect(sandbox.issue(REPO, 1).comments).toHaveLength(2);
  });

  it("a withheld answer: the change is made, the client never hears back", async () => {
    sandbox = await startSandbox();
    sandbox.addRepo(REPO);
    await sandbox.as("alice").openIssue(REPO, { title: "Issue" });
    const token = sandbox.installationToken("octo-org");
    const reached = sandbox.withholdAnswer("POST", /\/comments$/);
    const pending = post(sandbox, token, "made it").then(
      () => "answered",
      () => "dropped",
    );
    await reached;
    expect(sandbox.issue(REPO, 1).comments.map((c) => c.body)).toEqual(["made it"]);
    await sandbox.close();
    expect(await pending).toBe("dropped");
    sandbox = undefined;
  });
});
