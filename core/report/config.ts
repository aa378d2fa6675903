// The `report` section of .github/upkeep.yml: the maintenance report's default period and where it is posted.
import { z } from "zod";

export const reportConfigSchema = z
  .strictObject({
    period: z
      .string()
      .regex(/^(month|quarter|last-month|last-quarter|\d{4}-(0[1-9]|1[0-2])|\d{4}-Q[1-4])$/, {
        message:
          'expected "month", "quarter", "last-month", "last-quarter", "2026-10" or "2026-Q3"',
      })
      .default("last-quarter")
      .describe("Default period of `upkeep report` and the maintenance-report action."),
    label: z.string().min(1).default("upkeep: report").describe("Label of the report issues."),
    incidentLabel: z
      .string()
      .default("incident")
      .describe("Issues with this label count as incidents whatever their severity."),
  })
  .prefault({});

export type ReportConfig = z.infer<typeof reportConfigSchema>;
