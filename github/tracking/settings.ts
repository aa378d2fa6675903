// What tracking needs from the whole config, gathered in one place: the repository's zone, the
// severity label names triage uses, the SLA's escalation labels, and the calendars by name.
import type { UpkeepConfig } from "../../core/config/schema.ts";
import { builtInCalendars, type CalendarResolver } from "../../core/tracking/calendar.ts";
import type { SeverityLabels } from "../../core/tracking/severity.ts";
import { slaCalendars } from "../../core/tracking/sla-calendars.ts";

export interface TrackingSettings {
  zone: string;
  severityLabels: SeverityLabels;
  escalationLabels: string[];
  calendars: CalendarResolver;
}

/**
 * Calendars: built-in, then any the face passes (`extraCalendars`, e.g. the SLA's with their ICS
 * holidays, through `resolverFrom`), then the SLA section's as configured (without ICS files).
 */
export function trackingSettings(
  config: UpkeepConfig,
  extraCalendars?: CalendarResolver,
): TrackingSettings {
  const builtIn = builtInCalendars(config.timezone);
  const labels = config.triage.labels;
  const fromSla = slaCalendars(config.sla);
  return {
    zone: config.timezone,
    severityLabels: {
      critical: labels.critical.name,
      major: labels.major.name,
      minor: labels.minor.name,
    },
    escalationLabels: [config.sla.labels.atRisk, config.sla.labels.breached],
    calendars: (name) => builtIn(name) ?? extraCalendars?.(name) ?? fromSla(name),
  };
}
