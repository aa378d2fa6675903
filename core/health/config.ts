// The `health` section of .github/upkeep.yml: what to probe, when a probe counts as down or degraded,
// and how incidents are opened and closed.
import { z } from "zod";
import { durationField, severityField } from "../config/fields.ts";

const statusRange = z.string().regex(/^\d{3}(-\d{3})?(,\d{3}(-\d{3})?)*$/, {
  message: 'expected status codes such as "200", "200-299" or "200,204"',
});

/**
 * Header values may name an environment variable ("env:UPKEEP_PROBE_TOKEN") so secrets stay out of
 * the file; only names the workflow allows (probe-env, `UPKEEP_PROBE_*` by default) are read.
 */
const headerValue = z.string();

const httpProbe = z.strictObject({
  url: z.url({ protocol: /^https?$/, error: "expected an http:// or https:// URL" }),
  method: z.enum(["GET", "HEAD", "POST"]).default("GET"),
  status: statusRange.default("200-399"),
  keyword: z.string().optional().describe("Text the response body must contain."),
  jsonPath: z
    .string()
    .regex(/^\$(\.[A-Za-z0-9_-]+|\[\d+\])+$/, {
      message: 'expected a simple JSON path such as "$.status" or "$.checks[0].ok"',
    })
    .optional(),
  equals: z
    .union([z.string(), z.number(), z.boolean()])
    .optional()
    .describe("Value expected at jsonPath."),
  headers: z.record(z.string(), headerValue).default({}),
  maxRedirects: z.number().int().min(0).max(10).default(3),
});

const tcpProbe = z.strictObject({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535),
});

const tlsProbe = z.strictObject({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535).default(443),
  warnDays: z.number().int().min(1).default(14),
});

export const probeSchema = z
  .strictObject({
    name: z
      .string()
      .regex(/^[A-Za-z0-9._-]+$/, { message: "expected letters, digits, '.', '_' or '-'" }),
    http: httpProbe.optional(),
    tcp: tcpProbe.optional(),
    tls: tlsProbe.optional(),
    timeout: durationField.default("10s"),
    latencyBudget: durationField
      .optional()
      .describe("p95 latency above this marks the probe degraded."),
  })
  .refine((probe) => [probe.http, probe.tcp, probe.tls].filter(Boolean).length === 1, {
    message: "a probe needs exactly one of http, tcp or tls",
  });

export type ProbeConfig = z.infer<typeof probeSchema>;

export const healthConfigSchema = z
  .strictObject({
    probes: z.array(probeSchema).default([]),
    /** Down after this many failed checks in a row. */
    consecutiveFailures: z.number().int().min(1).default(3),
    /** Down when the share of failed checks within `window` is above `failureRatio` (0.05 = 5%). */
    failureRatio: z.number().min(0).max(1).default(0.05),
    window: durationField.default("5m"),
    /** Close the incident after this many good checks in a row. */
    recoverAfter: z.number().int().min(1).default(2),
    severity: z
      .strictObject({
        down: severityField.default("critical"),
        degraded: severityField.default("major"),
      })
      .prefault({}),
    incidentLabel: z.string().default("incident"),
    statusLabel: z.string().default("upkeep: health"),
  })
  .prefault({});

export type HealthConfig = z.infer<typeof healthConfigSchema>;
