// Builds SARIF 2.1.0 logs from plain findings: shared by the dependency scan and the SAST scan.
// Callers describe their tool, rules and results; this module fills in indexes and defaults.
import type {
  SarifLevel,
  SarifLocation,
  SarifLog,
  SarifNotification,
  SarifResult,
  SarifRule,
  SarifRun,
  SarifToolComponent,
} from "./types.ts";

export const SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";

/** A place in a file; paths are relative to the repository root with forward slashes. */
export interface SourcePlace {
  file: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
}

export interface RunInput {
  tool: Omit<SarifToolComponent, "rules">;
  rules: SarifRule[];
  results: Omit<SarifResult, "ruleIndex">[];
  /** Distinguishes runs of the same tool for code scanning, e.g. "upkeep/deps/". */
  category?: string;
  /** Problems the tool met (unreadable files, bad records); any error marks the run unsuccessful. */
  notifications?: SarifNotification[];
  properties?: Record<string, unknown>;
}

/** A location pointing at a file and, when known, a line. */
export function sarifLocation(place: SourcePlace, message?: string): SarifLocation {
  const location: SarifLocation = {
    physicalLocation: { artifactLocation: { uri: encodeUriPath(place.file) } },
  };
  if (place.line !== undefined && place.line >= 1) {
    location.physicalLocation.region = {
      startLine: place.line,
      ...(place.column !== undefined && place.column >= 1 ? { startColumn: place.column } : {}),
      ...(place.endLine !== undefined ? { endLine: place.endLine } : {}),
      ...(place.endColumn !== undefined ? { endColumn: place.endColumn } : {}),
    };
  }
  if (message) location.message = { text: message };
  return location;
}

/** Percent-encodes what a URI reference cannot hold while keeping slashes, so paths stay readable. */
function encodeUriPath(path: string): string {
  return path.replace(/\\/g, "/").split("/").map(encodeURIComponent).join("/");
}

export function buildRun(input: RunInput): SarifRun {
  const ruleIndex = new Map(input.rules.map((rule, index) => [rule.id, index]));
  const results = input.results.map((result) => {
    const index = ruleIndex.get(result.ruleId);
    if (index === undefined) throw new Error(`SARIF result names unknown rule ${result.ruleId}`);
    return { ...result, ruleIndex: index };
  });
  const notifications = input.notifications ?? [];
  const run: SarifRun = {
    tool: { driver: { ...input.tool, rules: input.rules } },
    invocations: [
      {
        executionSuccessful: !notifications.some((note) => note.level === "error"),
        ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
      },
    ],
    results,
    columnKind: "utf16CodeUnits",
  };
  if (input.category) run.automationDetails = { id: input.category };
  if (input.properties) run.properties = input.properties;
  return run;
}

export function buildLog(runs: RunInput[]): SarifLog {
  return { $schema: SARIF_SCHEMA_URI, version: "2.1.0", runs: runs.map(buildRun) };
}

/** The notification for a problem the tool met in a file, located when the line is known. */
export function problemNotification(
  message: string,
  place?: SourcePlace,
  level: SarifLevel = "error",
): SarifNotification {
  return {
    level,
    message: { text: message },
    ...(place ? { locations: [sarifLocation(place)] } : {}),
  };
}
