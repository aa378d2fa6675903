// Probes against servers this test starts on loopback; nothing leaves the machine.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createServer as createTcpServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer as createTlsServer } from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probeSchema } from "../core/health/config.ts";
import { checkProbe } from "./check.ts";
import { checkTls } from "./socket.ts";

let http: Server;
let base = "";

beforeAll(async () => {
  http = createServer((request, response) => {
    const url = request.url ?? "/";
    if (url === "/ok") return void response.end("all systems operational");
    if (url === "/json")
      return void response
        .writeHead(200, { "content-type": "application/json" })
        .end('{"checks":[{"ok":true}],"status":"degraded"}');
    if (url === "/auth")
      return void response
        .writeHead(request.headers.authorization === "Bearer s3cret" ? 200 : 401)
        .end();
    if (url === "/hop") return void response.writeHead(301, { location: "/ok" }).end();
    if (url === "/loop") return void response.writeHead(302, { location: "/loop" }).end();
    if (url === "/slow") return void setTimeout(() => response.end("late"), 2_000);
    response.writeHead(503).end("down");
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});
afterAll(() => {
  http.closeAllConnections();
  http.close();
});

function probe(spec: Record<string, unknown>) {
  return probeSchema.parse({ name: "p", ...spec });
}

describe("HTTP probe", () => {
  it.each([
    ["/ok", { keyword: "operational" }, { ok: true }],
    ["/ok", { keyword: "outage" }, { ok: false, error: "expected keyword not in body" }],
    ["/down", {}, { ok: false, error: "status 503" }],
    ["/down", { status: "500-503" }, { ok: true }],
    ["/json", { jsonPath: "$.checks[0].ok" }, { ok: true }],
    ["/json", { jsonPath: "$.status", equals: "ok" }, { ok: false, error: '$.status is not "ok"' }],
    ["/hop", { keyword: "operational" }, { ok: true }],
    ["/loop", {}, { ok: false, error: "more than 3 redirects" }],
  ])("%s with %j", async (path, options, expected) => {
    const result = await checkProbe(probe({ http: { url: `${base}${path}`, ...options } }));
    expect(result).toMatchObject(expected);
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it("sends header secrets from the environment and says which variable is missing", async () => {
    const spec = probe({
      http: { url: `${base}/auth`, headers: { Authorization: "env:UPKEEP_PROBE_STATUS_TOKEN" } },
    });
    expect(await checkProbe(spec, { UPKEEP_PROBE_STATUS_TOKEN: "Bearer s3cret" })).toMatchObject({
      ok: true,
    });
    expect(await checkProbe(spec, {})).toMatchObject({
      ok: false,
      error:
        "header Authorization needs environment variable UPKEEP_PROBE_STATUS_TOKEN, which is not set",
    });
  });

  it("times out", async () => {
    const result = await checkProbe(probe({ http: { url: `${base}/slow` }, timeout: "1s" }));
    expect(result).toMatchObject({ ok: false, error: "timeout" });
  });
});

describe("TCP probe", () => {
  it("connects to an open port and fails on a closed one", async () => {
    const server = createTcpServer((socket) => socket.end());
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    expect(await checkProbe(probe({ tcp: { host: "127.0.0.1", port } }))).toMatchObject({
      ok: true,
    });
    server.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await checkProbe(probe({ tcp: { host: "127.0.0.1", port } }))).toMatchObject({
      ok: false,
      error: "connection failed (ECONNREFUSED)",
    });
  });
});

describe("TLS probe", () => {
  it("reports the certificate's expiry and refuses an untrusted one", async () => {
    const dir = mkdtempSync(join(tmpdir(), "upkeep-tls-"));
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "10",
        "-subj",
        "/CN=localhost",
        "-addext",
        "subjectAltName=DNS:localhost",
        "-keyout",
        join(dir, "key.pem"),
        "-out",
        join(dir, "cert.pem"),
      ],
      { stdio: "ignore" },
    );
    const cert = readFileSync(join(dir, "cert.pem"), "utf8");
    const server = createTlsServer({ key: readFileSync(join(dir, "key.pem")), cert }, (socket) =>
      socket.end(),
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    const trusted = await checkTls({ host: "localhost", port, warnDays: 14 }, 5_000, cert);
    expect(trusted.ok).toBe(true);
    const daysLeft = (Date.parse(trusted.certificateExpiresAt!) - Date.now()) / 86_400_000;
    expect(daysLeft).toBeGreaterThan(9);
    expect(daysLeft).toBeLessThanOrEqual(10);
    const untrusted = await checkTls({ host: "localhost", port, warnDays: 14 }, 5_000);
    expect(untrusted).toMatchObject({
      ok: false,
      error: "TLS failed (DEPTH_ZERO_SELF_SIGNED_CERT)",
    });
    server.close();
  });
});
