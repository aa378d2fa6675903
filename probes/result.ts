// What one check of one probe found. Errors are short and written by Upkeep, never the response body.

export interface CheckResult {
  ok: boolean;
  latencyMs: number;
  error?: string;
  /** TLS probes: when the served certificate expires (ISO). */
  certificateExpiresAt?: string;
}
