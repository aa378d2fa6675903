// What every CLI command provides, so main.ts can route and print help without knowing them.

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export interface CliCommand {
  /** Words that select the command, e.g. "deps scan". */
  name: string;
  summary: string;
  usage: string;
  /** Returns the process exit code. */
  run(args: string[], io: CliIo): Promise<number>;
}

/**
 * Exit codes shared by all commands (README.md lists them): 0 clean; 1 findings over the
 * threshold; 2 bad input or usage, with a message naming the file, field or line; 3 something
 * could not be read or an internal error.
 */
export const EXIT = { ok: 0, findings: 1, usage: 2, incomplete: 3 } as const;

export class UsageError extends Error {
  override name = "UsageError";
}
