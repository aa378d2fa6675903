// The maintenance report: every section computed from one gathered input.
import type { ReportInput, ReportRelease } from "./input.ts";
import { inPeriod, type Period } from "./period.ts";
import { type IncidentSection, incidentSection } from "./sections/incidents.ts";
import { type SeveritySla, slaSection } from "./sections/sla.ts";
import {
  checkinSection,
  type DeadlineCounts,
  findingsTrend,
  rcaSection,
  type SecuritySection,
  securitySection,
  type TrendWeek,
} from "./sections/tracking.ts";

export interface MaintenanceReport {
  repository: string;
  period: { key: string; label: string; start: string; end: string };
  generatedAt: string;
  sla: SeveritySla[];
  incidents: IncidentSection;
  rcas: DeadlineCounts;
  securityWindows: SecuritySection;
  findingsTrend: TrendWeek[];
  checkins: DeadlineCounts;
  releases: ReportRelease[];
}

export function buildReport(input: ReportInput, repository: string): MaintenanceReport {
  return {
    repository,
    period: describePeriod(input.period),
    generatedAt: new Date(input.now).toISOString(),
    sla: slaSection(input),
    incidents: incidentSection(input),
    rcas: rcaSection(input),
    securityWindows: securitySection(input),
    findingsTrend: findingsTrend(input),
    checkins: checkinSection(input),
    releases: input.releases
      .filter((release) => inPeriod(Date.parse(release.publishedAt), input.period))
      .sort((a, b) => a.publishedAt.localeCompare(b.publishedAt)),
  };
}

function describePeriod(period: Period): MaintenanceReport["period"] {
  return {
    key: period.key,
    label: period.label,
    start: new Date(period.start).toISOString(),
    end: new Date(period.end).toISOString(),
  };
}
