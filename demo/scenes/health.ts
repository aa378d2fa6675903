// Health checks: a local service goes down and comes back; the incident issue opens, closes with
// the downtime, and the App opens the RCA because the incident was critical.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { runHealthCheck } from "../../actions/health-check/run.ts";
import { parseConfigText } from "../../core/config/parse.ts";
import { checkProbe } from "../../probes/check.ts";
import { excerpt, heading, labelsOf, REPO, type Stage, stagePort } from "../stage.ts";

export async function healthScene(stage: Stage): Promise<void> {
  heading("Health checks");
  let up = true;
  const service = createServer((_request, response) =>
    response.writeHead(up ? 200 : 503).end(up ? "ok" : "down"),
  );
  await new Promise<void>((resolve) => service.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(service.address() as AddressInfo).port}/health`;
  const parsed = parseConfigText(
    `health:\n  probes:\n    - name: storefront\n      http: { url: "${url}", keyword: ok }\n  consecutiveFailures: 2\n  failureRatio: 1\n`,
  );
  if (!parsed.ok) throw new Error("demo health config is invalid");
  const { health, triage } = parsed.config;
  const port = stagePort(stage);
  const probe = health.probes[0]!;
  const run = async (label: string) => {
    const result = await runHealthCheck({
      port,
      health,
      triage,
      clock: stage.clock,
      check: () => checkProbe(probe),
    });
    await stage.settle();
    const state = result.plan.probes[0]!;
    const touched = result.incidents.storefront;
    stage.say(
      `${stage.clock.now().toISOString().slice(11, 16)} ${label}: storefront is ${state.status}${touched ? ` → incident #${touched.number} ${touched.action}` : ""}`,
    );
    stage.clock.advance(5 * 60_000);
    return touched?.number;
  };
  try {
    await run("check");
    up = false;
    await run("check (service returns 503)");
    const incident = await run("check");
    up = true;
    await run("check (service back)");
    await run("check");
    if (incident) {
      stage.say(
        `   incident #${incident}: ${labelsOf(stage, incident)}, ${stage.sandbox.issue(REPO, incident).state}`,
      );
      stage.say(excerpt(stage.sandbox.issue(REPO, incident).comments.at(-1)?.body, 1));
      const rca = stage.sandbox
        .issues(REPO)
        .find((issue) => issue.title.startsWith("RCA:") && issue.title.includes(`(#${incident})`));
      stage.say(
        rca ? `   the App opened #${rca.number} "${rca.title}"` : "   (no RCA issue was opened)",
      );
    }
  } finally {
    service.close();
  }
}
