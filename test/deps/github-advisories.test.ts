// GitHub's global advisories through the port: a loopback server answers GET /advisories with a
// recorded-shape advisory, and every answer is first checked against GitHub's OpenAPI description
// (the sandbox's validator), so the shape the port reads is the one GitHub documents.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Octokit } from "@octokit/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { githubAdvisorySource, rangeFromGitHub } from "../../core/deps/advisories/github.ts";
import { matchPackages } from "../../core/deps/match.ts";
import { OctokitGitHub } from "../../github/octokit-port.ts";
import { checkResponse } from "../../sandbox/openapi/validator.ts";

const lodashAdvisory = {
  ghsa_id: "GHSA-p6mc-m468-83gw",
  cve_id: "CVE-2020-8203",
  url: "https://api.github.com/advisories/GHSA-p6mc-m468-83gw",
  html_url: "https://github.com/advisories/GHSA-p6mc-m468-83gw",
  repository_advisory_url: null,
  summary: "Prototype Pollution in lodash",
  description: "Prototype pollution attack when using _.zipObjectDeep in lodash before 4.17.20.",
  type: "reviewed",
  severity: "high",
  source_code_location: "https://github.com/lodash/lodash",
  identifiers: [
    { type: "GHSA", value: "GHSA-p6mc-m468-83gw" },
    { type: "CVE", value: "CVE-2020-8203" },
  ],
  references: ["https://nvd.nist.gov/vuln/detail/CVE-2020-8203"],
  published_at: "2020-07-15T19:15:48Z",
  updated_at: "2024-01-24T21:45:33Z",
  github_reviewed_at: "2020-07-15T19:15:30Z",
  nvd_published_at: "2020-07-15T17:15:00Z",
  withdrawn_at: null,
  vulnerabilities: [
    {
      package: { ecosystem: "npm", name: "lodash" },
      vulnerable_version_range: ">= 3.7.0, < 4.17.19",
      first_patched_version: "4.17.19",
      vulnerable_functions: ["zipObjectDeep"],
    },
  ],
  cvss: { vector_string: "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:H", score: 7.4 },
  cvss_severities: {
    cvss_v3: { vector_string: "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:H", score: 7.4 },
    cvss_v4: { vector_string: null, score: null },
  },
  cwes: [{ cwe_id: "CWE-770", name: "Allocation of Resources Without Limits or Throttling" }],
  credits: [],
};

let server: Server;
let baseUrl = "";
const queries: URLSearchParams[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    queries.push(url.searchParams);
    const body = url.searchParams.get("affects")?.includes("lodash") ? [lodashAdvisory] : [];
    const problem = checkResponse("GET", "/advisories", 200, body);
    if (problem) throw new Error(problem);
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("GitHub global advisories source", () => {
  it("asks per ecosystem with name@version and turns GitHub ranges into matching advisories", async () => {
    const port = new OctokitGitHub(new Octokit({ baseUrl }), { owner: "o", repo: "r" });
    const source = githubAdvisorySource(port);
    const answer = await source.lookup([
      { ecosystem: "npm", name: "lodash", version: "4.17.15" },
      { ecosystem: "PyPI", name: "requests", version: "2.31.0" },
    ]);
    expect(queries.map((query) => [query.get("ecosystem"), query.get("affects")])).toEqual([
      ["npm", "lodash@4.17.15"],
      ["pip", "requests@2.31.0"],
    ]);
    expect(answer.identity).toMatchObject({
      source: "GitHub global security advisories",
      records: 1,
    });
    const pkg = (version: string) => ({
      ecosystem: "npm" as const,
      name: "lodash",
      version,
      scope: "prod" as const,
      direct: true,
      location: { file: "package-lock.json", line: 3 },
    });
    const [finding] = matchPackages([pkg("4.17.15")], () => answer.advisories).findings;
    expect(finding).toMatchObject({
      id: "GHSA-p6mc-m468-83gw",
      fixedIn: "4.17.19",
      url: lodashAdvisory.html_url,
    });
    expect(finding?.severity).toMatchObject({ level: "high", score: 7.4, from: "CVSS_V3" });
    expect(matchPackages([pkg("3.6.0")], () => answer.advisories).findings).toEqual([]);
  });

  it("reads GitHub's range syntax", () => {
    expect(rangeFromGitHub("< 1.2.3")).toEqual({
      type: "ECOSYSTEM",
      events: [{ introduced: "0" }, { fixed: "1.2.3" }],
    });
    expect(rangeFromGitHub(">= 2.0, <= 2.4.1")).toEqual({
      type: "ECOSYSTEM",
      events: [{ introduced: "2.0" }, { last_affected: "2.4.1" }],
    });
    expect(rangeFromGitHub("= 0.9.1")).toEqual({ versions: ["0.9.1"] });
    expect(rangeFromGitHub(">= 1.0", "1.5.0")).toEqual({
      type: "ECOSYSTEM",
      events: [{ introduced: "1.0" }, { fixed: "1.5.0" }],
    });
  });
});
