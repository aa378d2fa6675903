// `npm start` as its own process against a sandbox, for tests that kill it or run several.
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import type { Sandbox } from "../../sandbox/index.ts";
import { REPO_ROOT } from "./run-cli.ts";

export interface AppProcess {
  url: string;
  child: ChildProcess;
  output(): string;
  /** A counter or gauge from /metrics, summed over the label sets that match `labels`. */
  metric(name: string, labels?: string): Promise<number>;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export async function startAppProcess(
  sandbox: Sandbox,
  env: Record<string, string>,
): Promise<AppProcess> {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const child = spawn(process.execPath, [join(REPO_ROOT, "app/server.ts")], {
    env: {
      PATH: process.env.PATH ?? "",
      APP_ID: String(sandbox.appId),
      PRIVATE_KEY: sandbox.privateKey,
      WEBHOOK_SECRET: sandbox.webhookSecret,
      GITHUB_API_URL: sandbox.url,
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      ...env,
    },
  });
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt++) {
    if (
      await fetch(`${url}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (attempt > 100 || child.exitCode !== null) throw new Error(`app did not start: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    child,
    output: () => output,
    async metric(name, labels = "") {
      const text = await (await fetch(`${url}/metrics`)).text();
      let sum = 0;
      for (const line of text.split("\n")) {
        if (!line.startsWith(name) || !line.includes(labels)) continue;
        if (line[name.length] !== "{" && line[name.length] !== " ") continue;
        sum += Number(line.slice(line.lastIndexOf(" ") + 1));
      }
      return sum;
    },
    async stop(signal = "SIGTERM") {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const closed = new Promise((resolve) => child.once("close", resolve));
      child.kill(signal);
      await closed;
    },
  };
}
