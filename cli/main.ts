// The `upkeep` command: routes to the command whose words match, prints help and version.
import { readFileSync } from "node:fs";
import type { CliCommand, CliIo } from "./command.ts";
import { EXIT, UsageError } from "./command.ts";
import { commands } from "./commands/index.ts";

declare const UPKEEP_VERSION: string | undefined;

function version(): string {
  if (typeof UPKEEP_VERSION === "string") return UPKEEP_VERSION;
  const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
  return manifest.version;
}

function helpText(): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  const lines = commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`);
  return [
    "upkeep: a software maintenance plan on autopilot",
    "",
    "Usage: upkeep <command> [options]",
    "",
    "Commands:",
    ...lines,
    "",
    "Options:",
    "  --help, -h     Show help (also after a command)",
    "  --version, -v  Show the version",
    "",
  ].join("\n");
}

/** The command whose name is the longest prefix of the arguments. */
function findCommand(args: string[]): { command: CliCommand; rest: string[] } | undefined {
  const matches = commands
    .filter((command) => {
      const words = command.name.split(" ");
      return words.every((word, index) => args[index] === word);
    })
    .sort((a, b) => b.name.length - a.name.length);
  const command = matches[0];
  return command ? { command, rest: args.slice(command.name.split(" ").length) } : undefined;
}

export async function runCli(args: string[], io: CliIo): Promise<number> {
  if (args.length === 0 || args[0] === "--help" || args[0] === "-h" || args[0] === "help") {
    io.stdout(helpText());
    return args.length === 0 ? EXIT.usage : EXIT.ok;
  }
  if (args[0] === "--version" || args[0] === "-v") {
    io.stdout(`${version()}\n`);
    return EXIT.ok;
  }
  const found = findCommand(args);
  if (!found) {
    io.stderr(`upkeep: unknown command "${args.join(" ")}"\n\n${helpText()}`);
    return EXIT.usage;
  }
  if (found.rest.includes("--help") || found.rest.includes("-h")) {
    io.stdout(`${found.command.summary}\n\nUsage: ${found.command.usage}\n`);
    return EXIT.ok;
  }
  try {
    return await found.command.run(found.rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`upkeep ${found.command.name}: ${error.message}\nUsage: ${found.command.usage}\n`);
      return EXIT.usage;
    }
    throw error;
  }
}
