// The OSV API client against a local loopback server that answers like api.osv.dev (querybatch
// with pagination, vulns by id, a 503 to retry), serving real records from the shared database.

import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { osvApiSource } from "../../core/deps/advisories/osv-api.ts";
import { matchPackages } from "../../core/deps/match.ts";
import { SHARED_OSV, tempDir } from "./support/osv-db.ts";

const crates = unzipSync(readFileSync(join(SHARED_OSV, "crates.io", "all.zip")));
const records = new Map(
  Object.values(crates).map((bytes) => {
    const record = JSON.parse(new TextDecoder().decode(bytes));
    return [record.id as string, record];
  }),
);

let server: Server;
let baseUrl = "";
const calls: string[] = [];
let failNext = 0;

const body = (request: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let text = "";
    request.on("data", (chunk) => {
      text += chunk;
    });
    request.on("end", () => resolve(text));
  });

/** Ids of records naming the package (any version): the version filter is the client's job too. */
function idsFor(name: string): string[] {
  return [...records.values()]
    .filter((record) =>
      record.affected?.some((entry: { package: { name: string } }) => entry.package.name === name),
    )
    .map((record) => record.id);
}

beforeAll(async () => {
  server = createServer(async (request, response) => {
    calls.push(`${request.method} ${request.url}`);
    if (failNext > 0) {
      failNext--;
      response.writeHead(503, { "retry-after": "0" }).end();
      return;
    }
    if (request.method === "POST" && request.url === "/v1/querybatch") {
      const { queries } = JSON.parse(await body(request));
      const results = queries.map((query: { package: { name: string }; page_token?: string }) => {
        const ids = idsFor(query.package.name).map((id) => ({
          id,
          modified: records.get(id).modified,
        }));
        // Two vulns per page, as the real API pages long lists with next_page_token.
        const page = Number(query.page_token ?? 0);
        const slice = ids.slice(page * 2, page * 2 + 2);
        return {
          vulns: slice,
          ...(ids.length > page * 2 + 2 ? { next_page_token: String(page + 1) } : {}),
        };
      });
      response
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ results }));
      return;
    }
    const id = decodeURIComponent(request.url?.replace("/v1/vulns/", "") ?? "");
    const record = records.get(id);
    response.writeHead(record ? 200 : 404, { "content-type": "application/json" });
    response.end(JSON.stringify(record ?? { code: 5, message: "Bug not found." }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("OSV API source", () => {
  it("batches queries, follows page tokens, fetches each record once and matches versions locally", async () => {
    calls.length = 0;
    const source = osvApiSource({ baseUrl, batchSize: 2 });
    const queries = [
      { ecosystem: "crates.io" as const, name: "tokio", version: "1.0.0" },
      { ecosystem: "crates.io" as const, name: "hyper", version: "0.14.0" },
      { ecosystem: "crates.io" as const, name: "no-such-crate", version: "1.0.0" },
    ];
    const answer = await source.lookup(queries);
    const expected = [...new Set([...idsFor("tokio"), ...idsFor("hyper")])].sort();
    expect(answer.advisories.map((advisory) => advisory.id).sort()).toEqual(
      expected.filter((id) => !records.get(id).withdrawn),
    );
    expect(answer.identity).toMatchObject({
      source: `OSV API (${baseUrl})`,
      records: expected.length,
    });
    expect(calls.filter((call) => call.startsWith("POST")).length).toBeGreaterThan(2);
    expect(calls.filter((call) => call.startsWith("GET")).length).toBe(expected.length);
    const tokio = {
      ...queries[0]!,
      scope: "prod" as const,
      direct: true,
      location: { file: "Cargo.lock" },
    };
    const { findings } = matchPackages([tokio], () => answer.advisories);
    // RustSec's tokio records: 2023-0001 starts at 1.7.0, the other four reach back before 1.0.0.
    expect(findings.map((finding) => finding.id).sort()).toEqual([
      "GHSA-2grh-hm3w-w7hv",
      "GHSA-4q83-7cq4-p6wg",
      "GHSA-fg7r-2g4j-5cgr",
      "GHSA-rr8g-9fpq-6wmg",
    ]);
    expect(findings.find((finding) => finding.ids.includes("RUSTSEC-2021-0072"))?.fixedIn).toBe(
      "1.5.1",
    );
  });

  it("retries a 503 and serves repeated records from its disk cache", async () => {
    const cacheDir = tempDir("upkeep-osv-api-");
    const query = [{ ecosystem: "crates.io" as const, name: "tokio", version: "1.0.0" }];
    failNext = 1;
    await osvApiSource({ baseUrl, cacheDir }).lookup(query);
    calls.length = 0;
    await osvApiSource({ baseUrl, cacheDir }).lookup(query);
    expect(calls.every((call) => call.startsWith("POST"))).toBe(true);
  });

  it("a server that keeps failing is an error the scan reports as an incomplete source", async () => {
    failNext = 10;
    await expect(
      osvApiSource({ baseUrl, retries: 1 }).lookup([
        { ecosystem: "npm", name: "x", version: "1.0.0" },
      ]),
    ).rejects.toThrow("/v1/querybatch: HTTP 503");
    failNext = 0;
  });
});
