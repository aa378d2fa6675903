// Every CLI command, in the order `upkeep --help` lists them. Add a line here for a new command.
import type { CliCommand } from "../command.ts";
import { configValidateCommand } from "./config-validate.ts";
import { depsListCommand } from "./deps-list.ts";
import { depsScanCommand } from "./deps-scan.ts";
import { rcaDraftCommand } from "./rca.ts";
import { releaseNotesCommand } from "./release-notes.ts";
import { reportCommand } from "./report.ts";
import { sastRulesCommand } from "./sast-rules.ts";
import { sastScanCommand } from "./sast-scan.ts";
import { slaCommand } from "./sla.ts";
import { triageCommand } from "./triage.ts";

export const commands: CliCommand[] = [
  configValidateCommand,
  depsListCommand,
  depsScanCommand,
  rcaDraftCommand,
  releaseNotesCommand,
  reportCommand,
  sastScanCommand,
  sastRulesCommand,
  slaCommand,
  triageCommand,
];
