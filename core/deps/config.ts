// The `deps` section of .github/upkeep.yml: where advisories come from, what fails the scan,
// which findings are ignored (with a reason, until a date) and what opens a security window.
import { z } from "zod";
import { findingSeverityField } from "../config/fields.ts";
import { pathPatternError } from "./path-patterns.ts";

/** A gitignore-style pattern, checked here so an unusable one is a located config error. */
const pathPatternField = z
  .string()
  .min(1)
  .superRefine((pattern, ctx) => {
    const error = pathPatternError(pattern);
    if (error) ctx.addIssue({ code: "custom", message: error });
  });

/** A calendar date or an ISO timestamp; a date means the end of that day in UTC. */
const expiryField = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/, {
    message: 'expected a date such as "2026-12-31" (or an ISO timestamp)',
    abort: true,
  })
  .refine((text) => !Number.isNaN(Date.parse(text)), { message: "not a real date" });

export const ignoreRuleSchema = z.strictObject({
  id: z
    .string()
    .min(1)
    .describe("Advisory id or any of its aliases: GHSA-…, CVE-…, PYSEC-…, RUSTSEC-…, GO-…"),
  package: z.string().min(1).optional().describe("Only this package (name as in the lockfile)."),
  path: pathPatternField
    .optional()
    .describe('Only lockfiles matching this gitignore-style pattern, e.g. "services/legacy/**".'),
  reason: z.string().trim().min(1, { message: "an ignore needs a reason" }),
  expires: expiryField
    .optional()
    .describe("After this date the ignore stops applying and the scan lists it as expired."),
});

export type IgnoreRule = z.infer<typeof ignoreRuleSchema>;

const failOnField = z
  .enum(["critical", "high", "medium", "low", "any", "none"])
  .describe('Least severity that fails the scan; "any" includes unknown, "none" never fails.');

const sourcesSchema = z
  .strictObject({
    database: z
      .string()
      .min(1)
      .optional()
      .describe(
        "Offline OSV database: a directory of OSV .json/.yaml files, a directory in osv-scanner's layout (<ecosystem>/all.zip), or one all.zip.",
      ),
    osvApi: z.boolean().default(false).describe("Ask the OSV API (api.osv.dev) too."),
    osvApiUrl: z.url().default("https://api.osv.dev"),
    github: z
      .boolean()
      .default(false)
      .describe("Ask GitHub's global security advisories too (needs a token)."),
  })
  .prefault({});

const trackSchema = z
  .strictObject({
    enabled: z.boolean().default(true),
    minSeverity: findingSeverityField
      .default("high")
      .describe("Findings at or above this get a security-window tracking issue."),
  })
  .prefault({});

const snykSchema = z
  .strictObject({
    enabled: z
      .boolean()
      .default(false)
      .describe("Run the Snyk CLI you provide when SNYK_TOKEN is set, and merge its findings."),
    command: z.string().min(1).default("snyk"),
    args: z.array(z.string()).default(["test", "--json", "--all-projects"]),
  })
  .prefault({});

export const depsConfigSchema = z
  .strictObject({
    enabled: z.boolean().default(true),
    exclude: z
      .array(pathPatternField)
      .default([])
      .describe("gitignore-style patterns of paths not to scan, on top of .gitignore."),
    failOn: failOnField.default("high"),
    unknownSeverity: findingSeverityField
      .default("high")
      .describe(
        "How an advisory without any severity counts for failOn and tracking (the Go database gives none).",
      ),
    includeDev: z
      .boolean()
      .default(false)
      .describe("Let development-only dependencies fail the scan and open windows."),
    fixableOnly: z
      .boolean()
      .default(false)
      .describe("Fail only on findings that have a fixed version to upgrade to."),
    onlyNew: z.boolean().default(false).describe("Fail only on findings absent from the baseline."),
    baseline: z
      .string()
      .min(1)
      .optional()
      .describe("A SARIF log or Upkeep JSON report of an earlier scan (e.g. the base branch's)."),
    ignores: z.array(ignoreRuleSchema).default([]),
    ignoreFile: z
      .string()
      .min(1)
      .optional()
      .describe("A YAML file holding more ignores (a list, or a mapping with `ignores:`)."),
    sources: sourcesSchema,
    track: trackSchema,
    snyk: snykSchema,
  })
  .prefault({});

export type DepsConfig = z.infer<typeof depsConfigSchema>;
