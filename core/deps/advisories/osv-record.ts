// Reads one OSV record (parsed JSON or YAML) into an Advisory, checking its ranges: a broken range
// is dropped and reported, the rest of the record still counts.
import type { Ecosystem } from "../package.ts";
import { versionScheme } from "../versions/index.ts";
import type { Advisory, AffectedPackage, AffectedRange, RangeEvent } from "./advisory.ts";
import { packageKey, toEcosystem } from "./package-key.ts";

export interface RecordResult {
  advisory?: Advisory;
  problems: string[];
  /** Keys of every package the record names, so a problem can be tied to the packages it hides. */
  packageKeys: string[];
}

const EVENT_KEYS = ["introduced", "fixed", "last_affected", "limit"] as const;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
const text = (value: unknown): string | undefined =>
  typeof value === "string" ? value : undefined;

function readEvent(raw: unknown, where: string, problems: string[]): RangeEvent | undefined {
  if (!isObject(raw)) {
    problems.push(`${where}: event is not an object`);
    return undefined;
  }
  const keys = EVENT_KEYS.filter((key) => key in raw);
  const value = keys.length === 1 ? raw[keys[0] as string] : undefined;
  if (typeof value !== "string" || value === "") {
    problems.push(
      `${where}: expected exactly one of ${EVENT_KEYS.join("/")} with a version string`,
    );
    return undefined;
  }
  return { [keys[0] as string]: value } as RangeEvent;
}

function eventVersion(event: RangeEvent): string {
  return Object.values(event)[0] as string;
}

function readRange(
  raw: unknown,
  ecosystem: Ecosystem,
  where: string,
  problems: string[],
): AffectedRange | undefined {
  if (!isObject(raw) || typeof raw.type !== "string") {
    problems.push(`${where}: range has no type`);
    return undefined;
  }
  if (raw.type === "GIT") return undefined; // commit ranges say nothing about released versions
  if (raw.type !== "SEMVER" && raw.type !== "ECOSYSTEM") {
    problems.push(`${where}: unknown range type ${JSON.stringify(raw.type)}`);
    return undefined;
  }
  if (!Array.isArray(raw.events) || raw.events.length === 0) {
    problems.push(`${where}: range has no events`);
    return undefined;
  }
  const localProblems: string[] = [];
  const events = raw.events
    .map((event, index) => readEvent(event, `${where}.events[${index}]`, localProblems))
    .filter((event): event is RangeEvent => event !== undefined);
  if (!events.some((event) => "introduced" in event))
    localProblems.push(`${where}: no "introduced" event`);
  const scheme = versionScheme(ecosystem);
  for (const event of events) {
    const version = eventVersion(event);
    const isZero = "introduced" in event && version === "0";
    if (!isZero && !scheme.isValid(version)) {
      localProblems.push(`${where}: "${version}" is not a ${scheme.name} version`);
    }
  }
  for (const problem of localProblems) problems.push(problem);
  return localProblems.length > 0 ? undefined : { type: raw.type, events };
}

function readAffected(
  raw: unknown,
  index: number,
  problems: string[],
): AffectedPackage | undefined {
  const where = `affected[${index}]`;
  if (!isObject(raw) || !isObject(raw.package)) return undefined;
  const ecosystem = toEcosystem(text(raw.package.ecosystem) ?? "");
  const name = text(raw.package.name);
  if (!ecosystem || !name) return undefined; // ecosystems Upkeep does not scan
  const rawRanges = Array.isArray(raw.ranges) ? raw.ranges : [];
  const ranges = rawRanges
    .map((range, rangeIndex) =>
      readRange(range, ecosystem, `${where}.ranges[${rangeIndex}]`, problems),
    )
    .filter((range): range is AffectedRange => range !== undefined);
  const versions = strings(raw.versions);
  if (ranges.length === 0 && versions.length === 0) return undefined;
  return { ecosystem, name, ranges, versions };
}

function advisoryUrl(record: Json): string | undefined {
  const references = Array.isArray(record.references) ? record.references.filter(isObject) : [];
  const advisory = references.find((reference) => reference.type === "ADVISORY") ?? references[0];
  const databaseUrl = isObject(record.database_specific)
    ? text(record.database_specific.url)
    : undefined;
  return databaseUrl ?? text(advisory?.url);
}

function namedPackages(rawAffected: unknown[]): string[] {
  const keys = new Set<string>();
  for (const entry of rawAffected) {
    if (!isObject(entry) || !isObject(entry.package)) continue;
    const ecosystem = toEcosystem(text(entry.package.ecosystem) ?? "");
    const name = text(entry.package.name);
    if (ecosystem && name) keys.add(packageKey(ecosystem, name));
  }
  return [...keys];
}

/** Reads a parsed OSV record; returns no advisory when it has no id or nothing Upkeep can match. */
export function readOsvRecord(raw: unknown): RecordResult {
  const problems: string[] = [];
  if (!isObject(raw) || typeof raw.id !== "string" || raw.id === "") {
    return { problems: ["not an OSV record: no string `id`"], packageKeys: [] };
  }
  const rawAffected = Array.isArray(raw.affected) ? raw.affected : [];
  const affected = rawAffected
    .map((entry, index) => readAffected(entry, index, problems))
    .filter((entry): entry is AffectedPackage => entry !== undefined);
  const severity = (Array.isArray(raw.severity) ? raw.severity : [])
    .filter(isObject)
    .filter((entry) => typeof entry.type === "string" && typeof entry.score === "string")
    .map((entry) => ({ type: entry.type as string, score: entry.score as string }));
  const databaseSeverity = isObject(raw.database_specific)
    ? text(raw.database_specific.severity)
    : undefined;
  const advisory: Advisory = {
    id: raw.id,
    aliases: strings(raw.aliases),
    severity,
    affected,
  };
  const optional: [keyof Advisory, string | undefined][] = [
    ["summary", text(raw.summary) ?? text(raw.details)?.split("\n")[0]?.slice(0, 200)],
    ["modified", text(raw.modified)],
    ["published", text(raw.published)],
    ["withdrawn", text(raw.withdrawn)],
    ["databaseSeverity", databaseSeverity],
    ["url", advisoryUrl(raw)],
  ];
  for (const [key, value] of optional) if (value) (advisory as unknown as Json)[key] = value;
  return {
    advisory: affected.length > 0 ? advisory : undefined,
    problems,
    packageKeys: namedPackages(rawAffected),
  };
}
