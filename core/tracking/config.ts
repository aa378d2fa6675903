// The `tracking` section of .github/upkeep.yml: RCA tracking issues after incidents, and
// security-window issues that carry a patch deadline per finding severity.
import { z } from "zod";
import {
  durationField,
  findingSeverityField,
  repoPathField,
  severityField,
} from "../config/fields.ts";

const labelList = z.array(z.string().min(1)).describe("Label names put on the tracking issue.");

const calendarName = z
  .string()
  .min(1)
  .describe(
    'Calendar the clock runs on: "24x7", "weekdays" (Mon–Fri, all day, in the repository time zone) or the name of a calendar defined under `sla.calendars`.',
  );

const rcaAssigneesSchema = z
  .strictObject({
    closer: z.boolean().default(true).describe("Assign the person who closed the incident."),
    incidentAssignees: z.boolean().default(true).describe("Assign the incident's assignees."),
    extra: z.array(z.string().min(1)).default([]).describe("Logins always assigned."),
  })
  .prefault({});

const rcaDueSchema = z
  .strictObject({
    businessDays: z
      .number()
      .int()
      .min(0)
      .max(365)
      .default(5)
      .describe("Working days after the close; 0 means no due date."),
    calendar: calendarName.default("weekdays"),
  })
  .prefault({});

export const rcaConfigSchema = z
  .strictObject({
    enabled: z.boolean().default(true),
    severities: z
      .array(severityField)
      .default(["critical", "major"])
      .describe("Incident severities whose completed close asks for a root-cause analysis."),
    labels: labelList.default(["rca"]),
    assignees: rcaAssigneesSchema,
    due: rcaDueSchema,
    template: repoPathField
      .optional()
      .describe("Path in the repository of the RCA body template; the built-in one when unset."),
    reminder: z
      .union([durationField, z.literal("off")])
      .default("1d")
      .describe('How often an overdue open RCA gets a reminder comment, or "off".'),
    skipPermission: z
      .enum(["triage", "write", "maintain", "admin"])
      .default("triage")
      .describe("Least repository permission needed for `/rca skip <reason>`."),
  })
  .prefault({});

const windowsSchema = z
  .strictObject({
    critical: durationField.default("24h"),
    high: durationField.default("72h"),
    medium: durationField.default("14d"),
    low: durationField.default("90d"),
  })
  .prefault({});

export const securityWindowsConfigSchema = z
  .strictObject({
    enabled: z.boolean().default(true),
    windows: windowsSchema.describe("Time to patch, per finding severity."),
    calendar: calendarName.default("24x7"),
    groupBy: z
      .enum(["finding", "package"])
      .default("finding")
      .describe("One tracking issue per finding, or one per affected package."),
    labels: labelList.default(["security"]),
    severityLabelPrefix: z
      .string()
      .default("security: ")
      .describe('Prefix of the severity label, e.g. "security: high"; empty string for none.'),
    minSeverity: findingSeverityField
      .default("low")
      .describe("Findings below this severity get no tracking issue."),
    secretSeverity: findingSeverityField
      .default("critical")
      .describe("Severity given to leaked secrets, which carry none of their own."),
    atRisk: z
      .number()
      .gt(0)
      .lt(1)
      .default(0.75)
      .describe("Share of the window after which the issue gets the SLA's at-risk label."),
    template: repoPathField
      .optional()
      .describe("Path in the repository of the tracking-issue body template."),
  })
  .prefault({});

export const trackingConfigSchema = z
  .strictObject({
    rca: rcaConfigSchema,
    securityWindows: securityWindowsConfigSchema,
  })
  .prefault({});

export type TrackingConfig = z.infer<typeof trackingConfigSchema>;
export type RcaConfig = z.infer<typeof rcaConfigSchema>;
export type SecurityWindowsConfig = z.infer<typeof securityWindowsConfigSchema>;
