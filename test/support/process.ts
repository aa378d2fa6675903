// Collects a child process's output and exit code; a process that cannot start exits 127.
import type { ChildProcess } from "node:child_process";

export interface Finished {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export function finished(child: ChildProcess): Promise<Finished> {
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  return new Promise((resolve) => {
    child.on("close", (code) => resolve({ exitCode: code ?? 1, stdout, stderr }));
    child.on("error", (error) => {
      resolve({
        exitCode: 127,
        stdout,
        stderr: `${stderr}cannot start process: ${error.message}\n`,
      });
    });
  });
}
