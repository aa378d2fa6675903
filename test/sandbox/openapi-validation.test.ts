import { afterEach, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "../../sandbox/index.ts";
import { convertSchema } from "../../sandbox/openapi/schema.ts";
import { hasOperation } from "../../sandbox/openapi/validator.ts";
import { allRoutes } from "../../sandbox/routes/all.ts";

const REPO = "octo-org/octo-repo";
let sandbox: Sandbox | undefined;

afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function getIssue(box: Sandbox, number: number) {
  const token = box.createToken("alice");
  return fetch(`${box.url}/repos/${REPO}/issues/${number}`, {
    headers: { authorization: `token ${token}` },
  });
}

describe("OpenAPI validation of sandbox responses", () => {
  it("every sandbox route is an operation in GitHub's OpenAPI description", () => {
    const unknown = allRoutes.filter((route) => !hasOperation(route.method, route.path));
    expect(unknown.map((route) => `${route.method} ${route.path}`)).toEqual([]);
  });

  it("a well-formed issue passes and assertValid stays quiet", async () => {
    sandbox = await startSandbox();
    sandbox.addRepo(REPO);
    const number = await sandbox.as("alice").openIssue(REPO, { title: "Crash", labels: ["bug"] });
    const response = await getIssue(sandbox, number);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { number: number }).number).toBe(number);
    expect(() => sandbox?.assertValid()).not.toThrow();
  });

  it("an issue rendered without its number is caught, answered with 500 and reported", async () => {
    sandbox = await startSandbox();
    sandbox.addRepo(REPO);
    const number = await sandbox.as("alice").openIssue(REPO, { title: "Crash" });
    const record = sandbox.state.repo(REPO).issues.get(number)!;
    // Corrupt the record the way a rendering bug would: JSON drops the undefined field.
    (record as { number: number | undefined }).number = undefined;
    const response = await getIssue(sandbox, number);
    expect(response.status).toBe(500);
    const body = (await response.json()) as { message: string };
    expect(body.message).toContain("must have required property 'number'");
    expect(sandbox.validationErrors).toHaveLength(1);
    expect(sandbox.validationErrors[0]).toContain(
      "GET /repos/{owner}/{repo}/issues/{issue_number} 200",
    );
    expect(() => sandbox?.assertValid()).toThrow(/number/);
  });

  it("a wrongly typed field is caught too", async () => {
    sandbox = await startSandbox();
    sandbox.addRepo(REPO);
    const number = await sandbox.as("alice").openIssue(REPO, { title: "Crash" });
    const record = sandbox.state.repo(REPO).issues.get(number)!;
    (record as { title: unknown }).title = 42;
    const response = await getIssue(sandbox, number);
    expect(response.status).toBe(500);
    expect(sandbox.validationErrors.join("\n")).toMatch(/\/title must be string/);
  });

  it("with validation off the broken shape goes out as it is", async () => {
    sandbox = await startSandbox({ validate: false });
    sandbox.addRepo(REPO);
    const number = await sandbox.as("alice").openIssue(REPO, { title: "Crash" });
    (sandbox.state.repo(REPO).issues.get(number) as { number: number | undefined }).number =
      undefined;
    const response = await getIssue(sandbox, number);
    expect(response.status).toBe(200);
    expect(await response.json()).not.toHaveProperty("number");
    expect(sandbox.validationErrors).toEqual([]);
  });
});

describe("OpenAPI validation of webhook payloads", () => {
  it("every payload the sandbox sends is checked against GitHub's webhook schemas", async () => {
    sandbox = await startSandbox();
    sandbox.addRepo(REPO);
    const number = await sandbox.as("alice").openIssue(REPO, { title: "Crash" });
    await sandbox.as("alice").comment(REPO, number, "details");
    expect(sandbox.validationErrors).toEqual([]);
    (sandbox.state.repo(REPO).issues.get(number) as { title: unknown }).title = 42;
    await sandbox.as("alice").comment(REPO, number, "more details");
    expect(sandbox.validationErrors).toEqual([
      expect.stringMatching(/^webhook issue_comment\.created: .*\/issue\/title must be string/),
    ]);
  });
});

describe("OpenAPI validation of request bodies", () => {
  it("refuses a body GitHub would refuse with 422 Invalid request and notes it", async () => {
    sandbox = await startSandbox();
    sandbox.addRepo(REPO);
    const token = sandbox.createToken("alice");
    const post = (path: string, body: unknown) =>
      fetch(`${sandbox!.url}/repos/${REPO}${path}`, {
        method: "POST",
        headers: { authorization: `token ${token}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const badColor = await post("/labels", { name: "sev", color: 0xff0000 });
    expect(badColor.status).toBe(422);
    expect(await badColor.json()).toMatchObject({
      message: expect.stringMatching(/^Invalid request\.\n\nFor 'color': must be string/),
    });
    const noTitle = await post("/issues", { body: "no title" });
    expect(noTitle.status).toBe(422);
    expect(sandbox.requestErrors).toHaveLength(2);
    expect(sandbox.requestErrors[0]).toContain(`POST /repos/${REPO}/labels`);
    expect(sandbox.labels(REPO).map((label) => label.name)).not.toContain("sev");
    expect(sandbox.issues(REPO)).toEqual([]);
    expect((await post("/issues", { title: "fine", labels: ["bug"] })).status).toBe(201);
    // Refusing a client's bad request is not the sandbox breaking GitHub's contract.
    expect(sandbox.validationErrors).toEqual([]);
  });
});

describe("converting OpenAPI 3.0 schemas for Ajv", () => {
  it("turns nullable types, enums and refs into JSON Schema unions", () => {
    const converted = convertSchema({
      type: "object",
      properties: {
        closed_at: { type: "string", format: "date-time", nullable: true },
        state_reason: { type: "string", enum: ["completed"], nullable: true },
        milestone: { allOf: [{ $ref: "#/components/schemas/milestone" }], nullable: true },
        example: { type: "string", example: "kept as a property, not dropped as a keyword" },
      },
    });
    expect(converted).toEqual({
      type: "object",
      properties: {
        closed_at: { type: ["string", "null"], format: "date-time" },
        state_reason: { type: ["string", "null"], enum: ["completed", null] },
        milestone: {
          anyOf: [
            { allOf: [{ $ref: "github-api#/components/schemas/milestone" }] },
            { type: "null" },
          ],
        },
        example: { type: "string" },
      },
    });
  });
});
