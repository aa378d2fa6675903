// Times shown to people in tracking issues: in the repository's time zone, minute precision.
import { DateTime } from "luxon";

export function formatInstant(at: string | Date, zone: string): string {
  const instant = typeof at === "string" ? DateTime.fromISO(at) : DateTime.fromJSDate(at);
  if (!instant.isValid) return String(at);
  const local = instant.setZone(zone);
  const name = zone === "UTC" ? "UTC" : local.toFormat("ZZZZ");
  return `${local.toFormat("yyyy-MM-dd HH:mm")} ${name}`;
}
