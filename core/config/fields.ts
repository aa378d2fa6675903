// Field types shared by every config section, so all sections say "4h" and name colors the same way.
import { z } from "zod";
import { DURATION_HINT, parseDuration } from "../time/duration.ts";

export const durationField = z
  .string()
  .refine((text) => parseDuration(text) !== undefined, { message: `expected ${DURATION_HINT}` })
  .describe(DURATION_HINT);

export const colorField = z
  .string()
  .regex(/^#?[0-9a-fA-F]{6}$/, { message: 'expected a 6-digit hex color such as "b60205"' })
  .transform((color) => color.replace(/^#/, "").toLowerCase());

export const severityNames = ["critical", "major", "minor"] as const;
export const severityField = z.enum(severityNames);
export type Severity = z.infer<typeof severityField>;

/** Advisory and finding severities (CVSS-style), used by scans and security windows. */
export const findingSeverityNames = ["critical", "high", "medium", "low"] as const;
export const findingSeverityField = z.enum(findingSeverityNames);
export type FindingSeverity = z.infer<typeof findingSeverityField>;

/**
 * A file of the repository named by the config (templates, calendars, checklists). Only a plain
 * relative path: a config must not reach outside its repository, on disk or through the API.
 */
export const repoPathField = z.string().min(1).max(512).refine(isRepositoryPath, {
  message: "expected a path inside the repository such as docs/rca.md (no leading /, no ..)",
});

export function isRepositoryPath(path: string): boolean {
  if (path.startsWith("/") || path.includes("\\") || /^[A-Za-z]:/.test(path)) return false;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\u0000-\u001f]/.test(path)) return false;
  return path.split("/").every((segment) => segment !== "..");
}
