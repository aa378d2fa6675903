// Runs a bundled action the way the Actions runner does: a node subprocess with INPUT_* variables,
// an event file, and GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files that we read back afterwards.

import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BOT_LOGIN } from "../../sandbox/state.ts";
import { finished } from "./process.ts";

export interface ActionRun {
  exitCode: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

export interface ActionRunOptions {
  /** Path of the bundled entry, e.g. actions/triage/dist/index.js. */
  entry: string;
  inputs?: Record<string, string>;
  eventName?: string;
  event?: unknown;
  repository?: string;
  apiUrl?: string;
  workspace?: string;
  env?: Record<string, string>;
}

export async function runAction(options: ActionRunOptions): Promise<ActionRun> {
  const dir = mkdtempSync(join(tmpdir(), "upkeep-action-"));
  const outputFile = join(dir, "output");
  const summaryFile = join(dir, "summary");
  const eventFile = join(dir, "event.json");
  writeFileSync(outputFile, "");
  writeFileSync(summaryFile, "");
  writeFileSync(eventFile, JSON.stringify(options.event ?? {}));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? dir,
    GITHUB_ACTIONS: "true",
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_EVENT_PATH: eventFile,
    GITHUB_EVENT_NAME: options.eventName ?? "workflow_dispatch",
    GITHUB_REPOSITORY: options.repository ?? "octo-org/octo-repo",
    GITHUB_API_URL: options.apiUrl ?? "http://127.0.0.1:9",
    GITHUB_SERVER_URL: "https://github.com",
    GITHUB_WORKSPACE: options.workspace ?? dir,
    RUNNER_TEMP: dir,
    // The sandbox needs none of the 1 s spacing GitHub asks for between writes.
    UPKEEP_WRITE_SPACING_MS: "0",
    UPKEEP_SEARCH_SPACING_MS: "0",
    // Tests hand actions the sandbox's installation token, which writes as the App's bot.
    UPKEEP_BOT_LOGIN: BOT_LOGIN,
    ...options.env,
  };
  for (const [name, value] of Object.entries(options.inputs ?? {})) {
    env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] = value;
  }
  if (options.workspace) mkdirSync(options.workspace, { recursive: true });
  const child = spawn(process.execPath, [options.entry], { env, cwd: options.workspace ?? dir });
  const { exitCode, stdout, stderr } = await finished(child);
  return {
    exitCode,
    stdout,
    stderr,
    outputs: parseOutputFile(readFileSync(outputFile, "utf8")),
    summary: readFileSync(summaryFile, "utf8"),
  };
}

/** Reads the `name<<DELIMITER` blocks that @actions/core writes to GITHUB_OUTPUT. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split("\n");
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? "";
    const heredoc = line.match(/^([^=<]+)<<(.+)$/);
    if (heredoc) {
      const [, name, delimiter] = heredoc;
      const value: string[] = [];
      for (index++; index < lines.length && lines[index] !== delimiter; index++)
        value.push(lines[index] ?? "");
      outputs[name as string] = value.join("\n");
    } else if (line.includes("=")) {
      const at = line.indexOf("=");
      outputs[line.slice(0, at)] = line.slice(at + 1);
    }
  }
  return outputs;
}
