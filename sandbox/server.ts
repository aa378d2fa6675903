// Runs the sandbox as its own process for the demo and manual use:
//   npx node sandbox/server.ts --port 3999 [--repo octo-org/octo-repo] [--webhook-url URL] [--webhook-secret S]
// Prints the REST base URL, the app id, a token for the app's installation and where the app key was written.
import { rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { startSandbox } from "./index.ts";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "3999" },
    repo: { type: "string", multiple: true, default: ["octo-org/octo-repo"] },
    "webhook-url": { type: "string" },
    "webhook-secret": { type: "string" },
    "no-validate": { type: "boolean", default: false },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  process.stderr.write(`--port must be a port number, got "${values.port}"\n`);
  process.exit(2);
}

const sandbox = await startSandbox({
  port,
  validate: !values["no-validate"],
  webhook: values["webhook-url"]
    ? { url: values["webhook-url"], secret: values["webhook-secret"] ?? "sandbox-webhook-secret" }
    : undefined,
});
for (const repo of values.repo) sandbox.addRepo(repo);
// One file per running server: each process makes its own key.
const keyFile = join(tmpdir(), `upkeep-sandbox-app-${new URL(sandbox.url).port}.pem`);
writeFileSync(keyFile, sandbox.privateKey, { mode: 0o600 });
const owner = values.repo[0]?.split("/")[0];

process.stdout.write(`GitHub sandbox listening on ${sandbox.url}\n`);
process.stdout.write(`  app id:          ${sandbox.appId}\n`);
process.stdout.write(`  app private key: ${keyFile}\n`);
process.stdout.write(`  webhook secret:  ${sandbox.webhookSecret}\n`);
process.stdout.write(`  repositories:    ${values.repo.join(", ")}\n`);
if (owner)
  process.stdout.write(`  installation token for ${owner}: ${sandbox.installationToken(owner)}\n`);

const stop = async () => {
  rmSync(keyFile, { force: true });
  await sandbox.close();
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
