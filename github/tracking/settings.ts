// What tracking needs from the whole config, gathered in one place: the repository's zone, the
// severity label names triage uses, the SLA's escalation labels, and the calendars by name.
import type { UpkeepConfig } from "../../core/config/schema.ts";
import { builtInCalendars, type CalendarResolver } from "../../core/tracking/calendar.ts";
import type { SeverityLabels } from "../../core/tracking/severity.ts";

export interface TrackingSettings {
  zone: string;
  severityLabels: SeverityLabels;
  escalationLabels: string[];
  calendars: CalendarResolver;
}

/** `extraCalendars` lets a face add the SLA section's named calendars to the built-in ones. */
export function trackingSettings(
  config: UpkeepConfig,
  extraCalendars?: CalendarResolver,
): TrackingSettings {
  const builtIn = builtInCalendars(config.timezone);
  const labels = config.triage.labels;
  const windows = config.tracking.securityWindows;
  return {
    zone: config.timezone,
    severityLabels: {
      critical: labels.critical.name,
      major: labels.major.name,
      minor: labels.minor.name,
    },
    escalationLabels: [windows.atRiskLabel, windows.breachedLabel],
    calendars: (name) => builtIn(name) ?? extraCalendars?.(name),
  };
}
