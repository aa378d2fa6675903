#!/usr/bin/env node
// Process entry of the CLI: wires the real stdout, stderr and exit code.
import { EXIT } from "./command.ts";
import { runCli } from "./main.ts";

// `upkeep … | head` closes the pipe early: the reader has all it wanted, which is a normal end,
// not a crash. Anything else going wrong with stdout cannot be reported there: exit 3.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  process.exit(error.code === "EPIPE" ? (process.exitCode ?? EXIT.ok) : EXIT.incomplete);
});

try {
  process.exitCode = await runCli(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
  });
} catch (error) {
  // runCli reports command failures itself; this is a failure to start (help, loading a command).
  process.stderr.write(`upkeep: internal error: ${(error as Error).message}\n`);
  process.exitCode = EXIT.incomplete;
}
