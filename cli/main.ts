// The `upkeep` command: routes to the command whose words match, prints help and version.
import { readFileSync } from "node:fs";
import type { CliIo } from "./command.ts";
import { EXIT, UsageError } from "./command.ts";
import { type CommandEntry, commandTable, loadAllCommands } from "./commands/index.ts";

declare const UPKEEP_VERSION: string | undefined;

function version(): string {
  if (typeof UPKEEP_VERSION === "string") return UPKEEP_VERSION;
  const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
  return manifest.version;
}

async function helpText(): Promise<string> {
  const commands = await loadAllCommands();
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
function findCommand(args: string[]): { entry: CommandEntry; rest: string[] } | undefined {
  const matches = commandTable
    .filter((entry) => entry.name.split(" ").every((word, index) => args[index] === word))
    .sort((a, b) => b.name.length - a.name.length);
  const entry = matches[0];
  return entry ? { entry, rest: args.slice(entry.name.split(" ").length) } : undefined;
}

export async function runCli(args: string[], io: CliIo): Promise<number> {
  if (args.length === 0 || args[0] === "--help" || args[0] === "-h" || args[0] === "help") {
    io.stdout(await helpText());
    return args.length === 0 ? EXIT.usage : EXIT.ok;
  }
  if (args[0] === "--version" || args[0] === "-v") {
    io.stdout(`${version()}\n`);
    return EXIT.ok;
  }
  const found = findCommand(args);
  if (!found) {
    io.stderr(`upkeep: unknown command "${args.join(" ")}"\n\n${await helpText()}`);
    return EXIT.usage;
  }
  const command = await found.entry.load();
  if (found.rest.includes("--help") || found.rest.includes("-h")) {
    io.stdout(`${command.summary}\n\nUsage: ${command.usage}\n`);
    return EXIT.ok;
  }
  try {
    return await command.run(found.rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`upkeep ${command.name}: ${error.message}\nUsage: ${command.usage}\n`);
      return EXIT.usage;
    }
    return internalError(command.name, error, io);
  }
}

/**
 * Anything a command did not expect (GitHub down, a bug): one line naming the command, exit 3,
 * so a CI step never mistakes a crash for "findings". UPKEEP_DEBUG=1 adds the stack.
 */
function internalError(name: string, error: unknown, io: CliIo): number {
  const status = (error as { status?: number }).status;
  const what = status === undefined ? "internal error" : `GitHub answered ${status}`;
  io.stderr(`upkeep ${name}: ${what}: ${(error as Error).message ?? String(error)}\n`);
  if (io.env.UPKEEP_DEBUG && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
  return EXIT.incomplete;
}
