// A SAST rule: ast-grep's YAML rule format plus Upkeep's metadata and flow constraints.
// Workflow rules (language github-actions) name a built-in `check` instead of an ast-grep rule.
import { z } from "zod";
import { findingSeverityField } from "../config/fields.ts";
import { linearPatternField } from "../text/linear-pattern.ts";

export const ruleLanguages = ["javascript", "python", "go", "java", "github-actions"] as const;
export type RuleLanguage = (typeof ruleLanguages)[number];

const metaVariable = z
  .string()
  .regex(/^\$?[A-Z_][A-Z0-9_]*$/, "expected a metavariable name such as CMD or $CMD")
  .transform((name) => name.replace(/^\$/, ""));

/** The callee must resolve, through the file's imports, to one of these qualified names. */
const sinkSchema = z.strictObject({
  callee: metaVariable,
  functions: z.array(z.string().min(1)).min(1),
});

/** The argument must carry request data (`source`) or merely not be a constant (`nonconstant`). */
const taintSchema = z.strictObject({
  argument: metaVariable,
  requires: z.enum(["source", "nonconstant"]).default("source"),
  sanitizers: z.array(z.string()).default([]),
  /** Sources beyond the language's request data, e.g. process.argv for command injection. */
  sources: z.array(z.string()).default([]),
  /**
   * A regex for the argument's fixed leading text: when the string starts with constant text
   * that matches (a fixed scheme and host, a relative path), request data later in it is harmless.
   */
  safePrefix: linearPatternField().optional(),
});

/** The matched string literal must look random (Shannon entropy in bits per character). */
const entropySchema = z.strictObject({
  argument: metaVariable,
  min: z.number().positive().default(3.5),
});

const astGrepObject = z.record(z.string(), z.unknown());

export const ruleFileSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-/.]*$/, "expected a lower-case id such as js-eval"),
    language: z.enum(ruleLanguages),
    severity: findingSeverityField,
    message: z.string().min(1),
    note: z.string().optional().describe("How to fix it."),
    metadata: z
      .strictObject({
        cwe: z.array(z.string().regex(/^CWE-\d+$/, "expected CWE-<number>")).default([]),
        owasp: z.array(z.string()).default([]),
        confidence: z.enum(["high", "medium", "low"]).default("medium"),
        references: z.array(z.url()).default([]),
        name: z.string().optional(),
      })
      .prefault({}),
    rule: astGrepObject.optional(),
    constraints: astGrepObject.optional(),
    utils: astGrepObject.optional(),
    sink: sinkSchema.optional(),
    taint: taintSchema.optional(),
    entropy: entropySchema.optional(),
    /** Skip the rule for files containing none of these words (a cheap text pre-check). */
    prefilter: z.array(z.string().min(1)).optional(),
    check: z.string().optional(),
  })
  .superRefine((rule, ctx) => {
    const isWorkflow = rule.language === "github-actions";
    if (isWorkflow && !rule.check)
      ctx.addIssue({ code: "custom", path: ["check"], message: "workflow rules name a `check`" });
    if (!isWorkflow && !rule.rule)
      ctx.addIssue({ code: "custom", path: ["rule"], message: "expected an ast-grep `rule`" });
  });

export type RuleFile = z.infer<typeof ruleFileSchema>;

/** A validated rule, ready to run: plain data so it can cross into worker threads. */
export interface CompiledRule extends RuleFile {
  /** The file the rule came from, for messages. */
  source: string;
  /** Lower-cased words; the rule runs only on files containing one of them. */
  words: string[];
  /** What ast-grep runs (rule + constraints + utils, with sink constraints added). */
  matcher?: { rule: unknown; constraints?: Record<string, unknown>; utils?: unknown };
}
