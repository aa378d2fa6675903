// The `triage` section of .github/upkeep.yml: severity labels, the issue-form field, ordered
// rules, the default, the explanation comment, pull requests and the `/severity` command.
import { z } from "zod";
import { colorField, severityField, severityNames } from "../config/fields.ts";
import { compileLinearPattern, linearPatternField } from "../text/linear-pattern.ts";
import { triageModelSchema } from "./model/config.ts";

const permissionField = z.enum(["triage", "write", "maintain", "admin"]);

const labelSpec = (name: string, color: string, description: string) =>
  z
    .strictObject({
      name: z.string().min(1).max(50).default(name).describe("Label name on GitHub."),
      color: colorField.default(color).describe("6-digit hex color."),
      description: z.string().max(100).default(description),
    })
    .prefault({});

/** Caps that keep one issue's triage bounded whatever the config says (see rules.ts). */
export const TRIAGE_LIMITS = {
  rules: 200,
  keywordsPerRule: 1_000,
  keywordLength: 200,
  /** RE2 program size of one pattern; `[a-z]{1000}` is about 1,000. */
  patternProgramSize: 1_000,
} as const;

/**
 * A regular expression given as text, run on RE2 (linear time): constructs RE2 lacks, such as
 * lookaround and backreferences, fail validation at the rule's line instead of running slowly.
 */
const patternField = linearPatternField({ ignoreCase: true })
  .superRefine((source, ctx) => {
    const compiled = compileLinearPattern(source, { ignoreCase: true });
    if (compiled.ok && compiled.pattern.programSize > TRIAGE_LIMITS.patternProgramSize)
      ctx.addIssue({
        code: "custom",
        message: `pattern is too complex (RE2 program size ${compiled.pattern.programSize}, at most ${TRIAGE_LIMITS.patternProgramSize}); use smaller counted repetitions such as {1,50}`,
      });
  })
  .describe("Regular expression (RE2 syntax), matched case-insensitively.");

const keywordsField = z
  .array(
    z
      .string()
      .min(1)
      .max(
        TRIAGE_LIMITS.keywordLength,
        `a keyword has at most ${TRIAGE_LIMITS.keywordLength} characters`,
      ),
  )
  .min(1)
  .max(
    TRIAGE_LIMITS.keywordsPerRule,
    `a rule has at most ${TRIAGE_LIMITS.keywordsPerRule} keywords; split the list over several rules`,
  );

const ruleSchema = z
  .strictObject({
    name: z.string().optional().describe("Shown in the explanation comment."),
    severity: severityField,
    pattern: patternField.optional().describe("RE2 regex over the title and the body."),
    title: patternField.optional().describe("RE2 regex over the title only."),
    body: patternField.optional().describe("RE2 regex over the body only."),
    keywords: keywordsField
      .optional()
      .describe("Any of these words or phrases in the title or body (whole words, any case)."),
    labels: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .describe("The issue carries all of these labels."),
  })
  .refine(
    (rule) => rule.pattern || rule.title || rule.body || rule.keywords || rule.labels,
    "a rule needs at least one condition: pattern, title, body, keywords or labels",
  );

export type TriageRule = z.infer<typeof ruleSchema>;

export const triageConfigSchema = z
  .strictObject({
    enabled: z.boolean().default(true),
    labels: z
      .strictObject({
        critical: labelSpec("severity: critical", "b60205", "System down, data loss or security"),
        major: labelSpec("severity: major", "d93f0b", "Partial degradation"),
        minor: labelSpec("severity: minor", "fbca04", "Low-priority bug"),
      })
      .prefault({}),
    needsTriageLabel: z
      .strictObject({
        name: z.string().min(1).max(50).default("needs-triage"),
        color: colorField.default("ededed"),
        description: z.string().max(100).default("Upkeep could not decide a severity"),
      })
      .prefault({})
      .describe('Applied when nothing decided a severity and `default` is "none".'),
    formField: z
      .string()
      .min(1)
      .default("Severity")
      .describe("Heading of the issue form's severity dropdown (`### Severity`)."),
    rules: z
      .array(ruleSchema)
      .max(TRIAGE_LIMITS.rules, `at most ${TRIAGE_LIMITS.rules} rules`)
      .default([])
      .describe("Checked in order; the first match wins."),
    builtInRules: z
      .boolean()
      .default(true)
      .describe("Apply Upkeep's built-in phrasing rules after yours (see core/triage/README.md)."),
    default: z
      .enum([...severityNames, "none"])
      .default("none")
      .describe('Severity when nothing else decides; "none" leaves the needs-triage label.'),
    explain: z
      .boolean()
      .default(false)
      .describe("Post one comment (updated in place) saying what decided the severity."),
    pullRequests: z.boolean().default(false).describe("Also triage pull requests."),
    model: triageModelSchema.describe(
      "Opt-in model-assisted classifier, consulted by the triage action and the CLI when no rule of yours decided; the rules decide whenever it cannot.",
    ),
    commands: z
      .strictObject({
        enabled: z.boolean().default(true),
        permission: permissionField
          .default("triage")
          .describe("Least repository permission allowed to use /severity."),
      })
      .prefault({}),
  })
  .superRefine((config, ctx) => {
    const names = severityNames.map((severity) => config.labels[severity].name.toLowerCase());
    for (const [index, name] of names.entries()) {
      if (names.indexOf(name) !== index)
        ctx.addIssue({
          code: "custom",
          path: ["labels", severityNames[index] as string, "name"],
          message: `label name "${name}" is used for two severities`,
        });
    }
  })
  .prefault({});

export type TriageConfig = z.infer<typeof triageConfigSchema>;
