// The labels of a security window: the configured ones, the severity, and the SLA's stage labels.
import type { SecurityWindowsConfig } from "../config.ts";
import type { WindowStage } from "./window.ts";

export interface StageLabels {
  atRisk: string;
  breached: string;
}

export const DEFAULT_STAGE_LABELS: StageLabels = {
  atRisk: "sla: at-risk",
  breached: "sla: breached",
};

export function desiredLabels(
  config: SecurityWindowsConfig,
  stageLabels: StageLabels,
  severity: string | undefined,
  stage: WindowStage | undefined,
): string[] {
  const labels = [...config.labels];
  if (severity && config.severityLabelPrefix)
    labels.push(`${config.severityLabelPrefix}${severity}`);
  if (stage === "at-risk") labels.push(stageLabels.atRisk);
  if (stage === "breached") labels.push(stageLabels.breached);
  return labels;
}

/** Labels Upkeep sets and may therefore take away; people's own labels are left alone. */
export function isManagedLabel(
  config: SecurityWindowsConfig,
  stageLabels: StageLabels,
  label: string,
): boolean {
  return (
    isStageLabel(stageLabels, label) ||
    (config.severityLabelPrefix !== "" && label.startsWith(config.severityLabelPrefix))
  );
}

export function isStageLabel(stageLabels: StageLabels, label: string): boolean {
  return label === stageLabels.atRisk || label === stageLabels.breached;
}
