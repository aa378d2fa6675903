// `upkeep sast rules`: lists the rules a scan would run (built-in pack plus --rules/config rules),
// and reports rule files that do not load.
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { formatConfigProblem } from "../../core/config/errors.ts";
import { CONFIG_PATH } from "../../core/config/parse.ts";
import { formatProblem } from "../../core/sast/finding.ts";
import { loadAllRules } from "../../core/sast/scan/run-scan.ts";
import { type CliCommand, EXIT, UsageError } from "../command.ts";
import { loadLocalConfig } from "../config.ts";

export const sastRulesCommand: CliCommand = {
  name: "sast rules",
  summary: "List the SAST rules (id, language, severity, CWE)",
  usage: "upkeep sast rules [--rules DIR]... [--format table|json] [--config FILE]",
  async run(args, io) {
    let values: { rules?: string[]; format?: string; config?: string };
    try {
      values = parseArgs({
        args,
        options: {
          rules: { type: "string", multiple: true },
          format: { type: "string" },
          config: { type: "string" },
        },
      }).values;
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const format = values.format ?? "table";
    if (format !== "table" && format !== "json")
      throw new UsageError(`--format must be table or json, not "${format}"`);
    const configFile = values.config ? resolve(io.cwd, values.config) : join(io.cwd, CONFIG_PATH);
    const loaded = await loadLocalConfig(io, configFile, { required: values.config !== undefined });
    if (!loaded.ok) {
      for (const problem of loaded.problems) io.stderr(`${formatConfigProblem(problem)}\n`);
      return EXIT.usage;
    }
    const extra = (values.rules ?? []).map((dir) => resolve(io.cwd, dir));
    const { rules, problems } = loadAllRules(io.cwd, loaded.config.sast, extra);
    if (format === "json") {
      const listed = rules.map(({ matcher: _matcher, words: _words, ...rule }) => rule);
      io.stdout(`${JSON.stringify(listed, null, 2)}\n`);
    } else {
      const width = Math.max(...rules.map((rule) => rule.id.length));
      for (const rule of rules) {
        const cwe = rule.metadata.cwe.join(",");
        io.stdout(
          `${rule.id.padEnd(width)}  ${rule.language.padEnd(14)} ${rule.severity.padEnd(8)} ${cwe.padEnd(16)} ${rule.metadata.name ?? rule.message}\n`,
        );
      }
      io.stdout(`${rules.length} rules\n`);
    }
    for (const problem of problems) io.stderr(`${formatProblem(problem)}\n`);
    return problems.length > 0 ? 3 : 0;
  },
};
