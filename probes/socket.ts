// TCP connect and TLS certificate probes.
import { connect as connectTcp } from "node:net";
import { connect as connectTls } from "node:tls";
import type { ProbeConfig } from "../core/health/config.ts";
import type { CheckResult } from "./result.ts";

export function checkTcp(
  probe: NonNullable<ProbeConfig["tcp"]>,
  timeoutMs: number,
): Promise<CheckResult> {
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = connectTcp({ host: probe.host, port: probe.port });
    const finish = (result: Omit<CheckResult, "latencyMs">) => {
      socket.destroy();
      resolve({ ...result, latencyMs: performance.now() - started });
    };
    socket.setTimeout(timeoutMs, () => finish({ ok: false, error: "timeout" }));
    socket.once("connect", () => finish({ ok: true }));
    socket.once("error", (error: NodeJS.ErrnoException) =>
      finish({ ok: false, error: `connection failed (${error.code ?? "error"})` }),
    );
  });
}

/** Connects with verification on; an invalid chain fails, a valid one reports its expiry. */
export function checkTls(
  probe: NonNullable<ProbeConfig["tls"]>,
  timeoutMs: number,
  ca?: string,
): Promise<CheckResult> {
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = connectTls({ host: probe.host, port: probe.port, servername: probe.host, ca });
    const finish = (result: Omit<CheckResult, "latencyMs">) => {
      socket.destroy();
      resolve({ ...result, latencyMs: performance.now() - started });
    };
    socket.setTimeout(timeoutMs, () => finish({ ok: false, error: "timeout" }));
    socket.once("secureConnect", () => {
      const certificate = socket.getPeerCertificate();
      const expires = certificate?.valid_to ? new Date(certificate.valid_to) : undefined;
      if (!expires || Number.isNaN(expires.getTime()))
        return finish({ ok: false, error: "no certificate" });
      finish({ ok: true, certificateExpiresAt: expires.toISOString() });
    });
    socket.once("error", (error: NodeJS.ErrnoException) =>
      finish({ ok: false, error: `TLS failed (${error.code ?? "error"})` }),
    );
  });
}
