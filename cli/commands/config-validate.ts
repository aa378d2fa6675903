import { formatConfigProblem } from "../../core/config/errors.ts";
import { CONFIG_PATH } from "../../core/config/parse.ts";
import { type CliCommand, EXIT } from "../command.ts";
import { loadLocalConfig } from "../config.ts";

export const configValidateCommand: CliCommand = {
  name: "config validate",
  summary: "Check a config file against Upkeep's schema",
  usage: `upkeep config validate [FILE]   (default ${CONFIG_PATH})`,
  async run(args, io) {
    const file = args[0] ?? CONFIG_PATH;
    const result = await loadLocalConfig(io, file, { required: true });
    if (result.ok) {
      io.stdout(`${file}: valid\n`);
      return EXIT.ok;
    }
    for (const problem of result.problems) io.stderr(`${formatConfigProblem(problem)}\n`);
    return EXIT.usage;
  },
};
