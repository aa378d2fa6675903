// The SLA calendars with their ICS holiday files, read through the port only when the config
// names any, so a repository without ICS files pays no extra request.
import type { UpkeepConfig } from "../../core/config/schema.ts";
import { icsPaths } from "../../core/sla/policy.ts";
import { loadSlaSettings } from "../../core/sla/sync.ts";
import type { CalendarResolver } from "../../core/tracking/calendar.ts";
import { resolverFrom } from "../../core/tracking/sla-calendars.ts";
import type { GitHubPort } from "../port.ts";

export async function slaCalendarsWithHolidays(
  github: GitHubPort,
  config: UpkeepConfig,
): Promise<CalendarResolver | undefined> {
  if (icsPaths(config.sla).length === 0) return undefined;
  const { settings } = await loadSlaSettings(github, config);
  return resolverFrom(settings.calendars);
}
