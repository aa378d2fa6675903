// The part of SARIF 2.1.0 that Upkeep writes and reads. Field names follow the specification, so a
// value of these types serialises to a valid log as is.

export type SarifLevel = "none" | "note" | "warning" | "error";

export interface SarifMessage {
  text: string;
  markdown?: string;
}

export interface SarifRegion {
  startLine: number;
  startColumn?: number;
  endLine?: number;
  endColumn?: number;
}

export interface SarifLocation {
  physicalLocation: {
    artifactLocation: { uri: string; uriBaseId?: string };
    region?: SarifRegion;
  };
  message?: SarifMessage;
}

export interface SarifRule {
  id: string;
  name?: string;
  shortDescription?: SarifMessage;
  fullDescription?: SarifMessage;
  helpUri?: string;
  help?: SarifMessage;
  defaultConfiguration?: { level: SarifLevel };
  properties?: Record<string, unknown> & { tags?: string[] };
}

export interface SarifSuppression {
  kind: "inSource" | "external";
  status?: "accepted" | "underReview" | "rejected";
  justification?: string;
}

export interface SarifResult {
  ruleId: string;
  ruleIndex?: number;
  level: SarifLevel;
  message: SarifMessage;
  locations: SarifLocation[];
  fingerprints?: Record<string, string>;
  partialFingerprints?: Record<string, string>;
  baselineState?: "new" | "unchanged" | "updated" | "absent";
  suppressions?: SarifSuppression[];
  properties?: Record<string, unknown>;
}

export interface SarifNotification {
  level: SarifLevel;
  message: SarifMessage;
  locations?: SarifLocation[];
}

export interface SarifInvocation {
  executionSuccessful: boolean;
  toolExecutionNotifications?: SarifNotification[];
}

export interface SarifToolComponent {
  name: string;
  version?: string;
  semanticVersion?: string;
  informationUri?: string;
  organization?: string;
  rules?: SarifRule[];
}

export interface SarifRun {
  tool: { driver: SarifToolComponent };
  automationDetails?: { id: string };
  invocations?: SarifInvocation[];
  results: SarifResult[];
  columnKind?: "utf16CodeUnits" | "unicodeCodePoints";
  properties?: Record<string, unknown>;
}

export interface SarifLog {
  $schema: string;
  version: "2.1.0";
  runs: SarifRun[];
}
