// `upkeep config validate [file]`: checks .github/upkeep.yml the way every face will read it.
import { resolve } from "node:path";
import { formatConfigProblem } from "../../core/config/errors.ts";
import { loadConfigFile } from "../../core/config/load-file.ts";
import { CONFIG_PATH } from "../../core/config/parse.ts";
import { type CliCommand, EXIT } from "../command.ts";

export const configValidateCommand: CliCommand = {
  name: "config validate",
  summary: "Check a config file against Upkeep's schema",
  usage: `upkeep config validate [FILE]   (default ${CONFIG_PATH})`,
  async run(args, io) {
    const file = args[0] ?? CONFIG_PATH;
    const result = await loadConfigFile(resolve(io.cwd, file), { required: true });
    if (result.ok) {
      io.stdout(`${file}: valid\n`);
      return EXIT.ok;
    }
    for (const problem of result.problems)
      io.stderr(`${formatConfigProblem({ ...problem, file })}\n`);
    return EXIT.findings;
  },
};
