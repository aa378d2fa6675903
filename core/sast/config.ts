// The `sast` section of .github/upkeep.yml: what to scan, which rules, and what fails the step.
import { z } from "zod";
import { findingSeverityField } from "../config/fields.ts";

const ignoreEntry = z.strictObject({
  rule: z.string().optional().describe("Rule id to ignore (all rules when omitted)."),
  paths: z
    .array(z.string())
    .default(["**"])
    .describe("Gitignore-style globs of files the ignore applies to."),
  reason: z.string().min(1, "give a reason so reviewers know why").describe("Why it is ignored."),
  until: z.iso
    .date()
    .optional()
    .describe("Date (YYYY-MM-DD) after which the ignore expires and findings come back."),
});

export const sastConfigSchema = z
  .strictObject({
    paths: z.array(z.string()).default(["."]).describe("Directories or files to scan."),
    exclude: z
      .array(z.string())
      .default([])
      .describe("Gitignore-style globs skipped in addition to .gitignore."),
    rules: z
      .array(z.string())
      .default([])
      .describe(
        "Extra rule files or directories (YAML, ast-grep rule format with Upkeep metadata).",
      ),
    disableRules: z.array(z.string()).default([]).describe("Built-in rule ids to turn off."),
    failOn: findingSeverityField
      .or(z.literal("none"))
      .default("high")
      .describe("Lowest severity of a new finding that fails the scan; `none` never fails."),
    trackOn: findingSeverityField
      .or(z.literal("none"))
      .default("high")
      .describe("Lowest severity that opens a security-window tracking issue."),
    maxFileSize: z
      .number()
      .int()
      .positive()
      .default(1_000_000)
      .describe("Files larger than this many bytes are skipped and reported."),
    maxFileSeconds: z
      .number()
      .positive()
      .max(600)
      .default(10)
      .describe(
        "Seconds the rules may spend on one file; a file that takes longer is reported as incomplete and the scan moves on.",
      ),
    ignore: z.array(ignoreEntry).default([]).describe("Findings to ignore, by rule and path."),
    baseline: z
      .string()
      .optional()
      .describe("A committed SARIF or JSON report; only findings not in it fail or get annotated."),
    snyk: z
      .boolean()
      .default(false)
      .describe("Merge `snyk code test --sarif` (needs the Snyk CLI on PATH and SNYK_TOKEN)."),
  })
  .prefault({});

export type SastConfig = z.infer<typeof sastConfigSchema>;
export type SastIgnore = z.infer<typeof ignoreEntry>;
