// The `sla` section of .github/upkeep.yml: goals per severity, calendars, pauses, escalation.
// Defaults follow the maintenance plan, so a repository without a file still gets clocks.
import { z } from "zod";
import { durationField, repoPathField, severityField } from "../config/fields.ts";
import { isKnownZone, parseHoursText, WEEKDAY_KEYS } from "./hours.ts";

/** The calendar every goal runs on unless it names another. */
export const ALWAYS = "24x7";

const calendarRef = z
  .string()
  .min(1)
  .describe(`"${ALWAYS}" or the name of a calendar under sla.calendars.`);

const goalSchema = z.strictObject({
  response: durationField.optional().describe("Time to first response by a maintainer."),
  resolution: durationField.optional().describe("Time to close the issue."),
  calendar: calendarRef.optional(),
});

const hoursValue = z
  .union([z.string(), z.array(z.string())])
  .describe('Working hours such as "09:00-17:00" or ["09:00-12:00", "13:00-17:00"]; "" for none.');

const calendarSchema = z
  .strictObject({
    timezone: z.string().describe("IANA time zone, e.g. Europe/Berlin."),
    hours: z
      .partialRecord(z.enum([...WEEKDAY_KEYS, "weekdays", "weekend"]), hoursValue)
      .describe("Working hours per weekday (mon…sun), or `weekdays` / `weekend` for groups."),
    holidays: z
      .array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: "expected a date YYYY-MM-DD" }))
      .default([])
      .describe("Dates (in the calendar's zone) with no working hours."),
    holidaysIcs: repoPathField
      .optional()
      .describe("Path in the repository of an .ics file; each VEVENT's DTSTART date is a holiday."),
  })
  .superRefine((calendar, ctx) => {
    if (!isKnownZone(calendar.timezone)) {
      ctx.addIssue({
        code: "custom",
        path: ["timezone"],
        message: `unknown time zone "${calendar.timezone}"; expected an IANA name such as "Europe/Berlin"`,
      });
    }
    let total = 0;
    let invalid = false;
    for (const [day, value] of Object.entries(calendar.hours)) {
      const parsed = parseHoursText(value ?? "");
      if (parsed.ok) total += parsed.spans.length;
      else {
        invalid = true;
        ctx.addIssue({ code: "custom", path: ["hours", day], message: parsed.error });
      }
    }
    if (total === 0 && !invalid) {
      ctx.addIssue({
        code: "custom",
        path: ["hours"],
        message: "a calendar needs working hours on at least one weekday",
      });
    }
  });

const matchSchema = z
  .strictObject({
    labels: z.array(z.string()).optional().describe("All of these labels."),
    anyLabels: z.array(z.string()).optional().describe("At least one of these labels."),
    type: z.string().optional().describe("GitHub issue type, e.g. Bug."),
    severity: severityField.optional(),
  })
  .refine((match) => Object.keys(match).length > 0, { message: "a rule needs a condition" });

const ruleSchema = z.strictObject({
  match: matchSchema,
  ...goalSchema.shape,
});

const escalationStepSchema = z.strictObject({
  after: durationField
    .default("0m")
    .describe("Wall-clock time after the breach (first step) or after the previous step."),
  notify: z
    .array(
      z.string().regex(/^(assignees|@?[A-Za-z0-9][A-Za-z0-9-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)?)$/, {
        message: 'expected "assignees", a login such as "@alice" or a team such as "@org/team"',
      }),
    )
    .min(1)
    .describe('Who to mention: "assignees", "@login" or "@org/team".'),
  message: z.string().optional().describe("Text shown with the mentions."),
});

const defaultGoals = {
  critical: { response: "1h", resolution: "4h" },
  major: { response: "4h", resolution: "24h" },
  minor: { response: "3d", resolution: "30d" },
};

export const slaConfigSchema = z
  .strictObject({
    enabled: z.boolean().default(true),
    goals: z
      .partialRecord(severityField, goalSchema)
      .default(defaultGoals)
      .describe("Goals per severity; a severity left out has no clock."),
    rules: z
      .array(ruleSchema)
      .default([])
      .describe("Ordered rules choosing goals by labels or issue type; the first match wins."),
    calendar: calendarRef.default(ALWAYS).describe("The calendar for goals that name none."),
    calendars: z.record(z.string(), calendarSchema).default({}),
    pause: z
      .strictObject({
        labels: z.array(z.string()).default(["waiting-for-reporter", "blocked"]),
        resumeOnReporterReply: z.boolean().default(true),
      })
      .prefault({}),
    response: z
      .strictObject({
        minPermission: z.enum(["triage", "write", "maintain", "admin"]).default("triage"),
        countLabelChanges: z
          .boolean()
          .default(false)
          .describe("Count a maintainer's label change as a response."),
        openedByMaintainer: z
          .boolean()
          .default(true)
          .describe("An issue opened by someone with minPermission has its response at creation."),
      })
      .prefault({}),
    atRisk: z
      .number()
      .gt(0)
      .lt(1)
      .default(0.75)
      .describe("Share of a goal after which the issue is at risk."),
    labels: z
      .strictObject({
        atRisk: z.string().default("sla: at-risk"),
        breached: z.string().default("sla: breached"),
      })
      .prefault({}),
    escalation: z.array(escalationStepSchema).default([{ after: "0m", notify: ["assignees"] }]),
  })
  .superRefine((sla, ctx) => {
    const known = new Set([ALWAYS, ...Object.keys(sla.calendars)]);
    const check = (name: string | undefined, path: PropertyKey[]) => {
      if (name !== undefined && !known.has(name)) {
        ctx.addIssue({
          code: "custom",
          path,
          message: `unknown calendar "${name}"; expected "${ALWAYS}" or one of sla.calendars`,
        });
      }
    };
    check(sla.calendar, ["calendar"]);
    for (const [severity, goal] of Object.entries(sla.goals))
      check(goal?.calendar, ["goals", severity, "calendar"]);
    sla.rules.forEach((rule, index) => {
      check(rule.calendar, ["rules", index, "calendar"]);
    });
    if (ALWAYS in sla.calendars) {
      ctx.addIssue({
        code: "custom",
        path: ["calendars", ALWAYS],
        message: `"${ALWAYS}" is built in and cannot be redefined`,
      });
    }
  })
  .prefault({});

export type SlaConfig = z.infer<typeof slaConfigSchema>;
export type SlaCalendarConfig = z.infer<typeof calendarSchema>;
export type SlaRule = z.infer<typeof ruleSchema>;
export type EscalationStep = z.infer<typeof escalationStepSchema>;
