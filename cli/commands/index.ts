// Every CLI command, in the order `upkeep --help` lists them. Add a line here for a new command.
// Commands load on demand: a run pays only for the command it runs (a scan never loads the App's
// or the report's code), which keeps a CLI start well under the time of the work itself.
import type { CliCommand } from "../command.ts";

export interface CommandEntry {
  /** The words that select the command; equal to the loaded command's `name`. */
  name: string;
  load(): Promise<CliCommand>;
}

export const commandTable: CommandEntry[] = [
  {
    name: "config validate",
    load: async () => (await import("./config-validate.ts")).configValidateCommand,
  },
  { name: "deps list", load: async () => (await import("./deps-list.ts")).depsListCommand },
  { name: "deps scan", load: async () => (await import("./deps-scan.ts")).depsScanCommand },
  { name: "rca draft", load: async () => (await import("./rca.ts")).rcaDraftCommand },
  {
    name: "release-notes",
    load: async () => (await import("./release-notes.ts")).releaseNotesCommand,
  },
  { name: "report", load: async () => (await import("./report.ts")).reportCommand },
  { name: "sast scan", load: async () => (await import("./sast-scan.ts")).sastScanCommand },
  { name: "sast rules", load: async () => (await import("./sast-rules.ts")).sastRulesCommand },
  { name: "sla", load: async () => (await import("./sla.ts")).slaCommand },
  { name: "sweep", load: async () => (await import("./sweep.ts")).sweepCommand },
  { name: "triage", load: async () => (await import("./triage.ts")).triageCommand },
];

/** Every command, loaded: for `upkeep --help` and the generated reference. */
export function loadAllCommands(): Promise<CliCommand[]> {
  return Promise.all(commandTable.map((entry) => entry.load()));
}
