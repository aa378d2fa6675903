// The `checkins` section of .github/upkeep.yml: recurring maintenance tasks (health reviews,
// dependency reviews, backup restore tests, DR drills) that Upkeep opens as issues on a schedule.
import { CronExpressionParser } from "cron-parser";
import { z } from "zod";
import { durationField, repoPathField } from "../config/fields.ts";

export const BUILT_IN_CHECKLISTS = [
  "monthly-health-review",
  "quarterly-dependency-review",
  "backup-restore-test",
  "dr-drill",
  "runbook-review",
] as const;

const everyField = z.string().regex(/^(\d+\s+)?(day|week|month|year)s?$/, {
  message: 'expected an interval such as "month", "2 weeks" or "3 months"',
});

const cronField = z.string().superRefine((expression, ctx) => {
  try {
    CronExpressionParser.parse(expression);
  } catch (error) {
    ctx.addIssue({
      code: "custom",
      message: `invalid cron expression: ${(error as Error).message}`,
    });
  }
});

const checkinSchema = z
  .strictObject({
    name: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/, { message: "expected lowercase letters, digits and '-'" }),
    title: z.string().min(1).describe("Issue title; {date} becomes the occurrence's date."),
    every: everyField.optional(),
    cron: cronField.optional().describe("Five-field cron in the config's time zone."),
    start: z.iso.date({ error: "expected a date such as 2026-01-01" }).default("2026-01-01"),
    checklist: repoPathField
      .default("monthly-health-review")
      .describe(
        `A built-in checklist (${BUILT_IN_CHECKLISTS.join(", ")}) or a path in the repository.`,
      ),
    assignees: z.array(z.string()).default([]),
    labels: z.array(z.string()).default(["maintenance"]),
    due: durationField.default("14d").describe("How long after the occurrence the task is due."),
    remindBefore: durationField.default("3d"),
  })
  .refine((checkin) => (checkin.every ? 1 : 0) + (checkin.cron ? 1 : 0) === 1, {
    message: "a check-in needs exactly one of `every` or `cron`",
  });

export type CheckinConfig = z.infer<typeof checkinSchema>;

export const checkinsConfigSchema = z.array(checkinSchema).default([]);
