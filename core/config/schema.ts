// The whole of .github/upkeep.yml: one section per capability, each owned by its capability folder.
import { z } from "zod";
import { checkinsConfigSchema } from "../checkins/config.ts";
import { depsConfigSchema } from "../deps/config.ts";
import { healthConfigSchema } from "../health/config.ts";
import { releaseNotesConfigSchema } from "../release-notes/config.ts";
import { reportConfigSchema } from "../report/config.ts";
import { sastConfigSchema } from "../sast/config.ts";
import { slaConfigSchema } from "../sla/config.ts";
import { trackingConfigSchema } from "../tracking/config.ts";
import { triageConfigSchema } from "../triage/config.ts";

export const upkeepConfigSchema = z
  .strictObject({
    $schema: z.string().optional().describe("Editor hint; ignored by Upkeep."),
    _extends: z
      .string()
      .optional()
      .describe(
        "Inherit the `.github/upkeep.yml` of another repository of the same owner: `name`, `owner/name` or `owner/name:.github/upkeep.yml`, e.g. `.github`.",
      ),
    timezone: z
      .string()
      .default("UTC")
      .describe("IANA time zone used to show due times to people, e.g. Europe/Berlin."),
    triage: triageConfigSchema,
    sla: slaConfigSchema,
    tracking: trackingConfigSchema,
    deps: depsConfigSchema,
    sast: sastConfigSchema,
    releaseNotes: releaseNotesConfigSchema,
    health: healthConfigSchema,
    report: reportConfigSchema,
    checkins: checkinsConfigSchema.describe(
      "Recurring maintenance tasks opened as issues on a schedule.",
    ),
  })
  .superRefine((config, ctx) => {
    if (!isKnownTimeZone(config.timezone)) {
      ctx.addIssue({
        code: "custom",
        path: ["timezone"],
        message: `unknown time zone "${config.timezone}"; expected an IANA name such as "Europe/Berlin"`,
      });
    }
  });

export type UpkeepConfig = z.infer<typeof upkeepConfigSchema>;

export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The configuration Upkeep runs with when a repository has no file. */
export function defaultConfig(): UpkeepConfig {
  return upkeepConfigSchema.parse({});
}
