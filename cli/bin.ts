#!/usr/bin/env node
// Process entry of the CLI: wires the real stdout, stderr and exit code.
import { runCli } from "./main.ts";

const code = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  env: process.env,
});
process.exitCode = code;
