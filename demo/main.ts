// `npm run demo`: Upkeep's main job on its embedded default. Starts a local GitHub sandbox and the
// real App server, then plays a scripted scenario and prints what Upkeep did. Nothing leaves this machine.
import { readFileSync } from "node:fs";
import { healthScene } from "./scenes/health.ts";
import { reportScene } from "./scenes/report.ts";
import { slaScene } from "./scenes/sla.ts";
import { trackingScene } from "./scenes/tracking.ts";
import { triageScene } from "./scenes/triage.ts";
import { openStage } from "./stage.ts";

const config = readFileSync(new URL("./upkeep.yml", import.meta.url), "utf8");
console.log(
  "Upkeep demo: a GitHub sandbox on loopback, the Upkeep App (Probot) and a scripted week of maintenance.",
);
const stage = await openStage(config);
try {
  await triageScene(stage);
  await slaScene(stage, config);
  await trackingScene(stage);
  await healthScene(stage);
  await reportScene(stage, config, new URL("../.tmp/demo", import.meta.url).pathname);
  stage.sandbox.assertValid();
  console.log(
    `\nDone: ${stage.sandbox.deliveries.length} webhook deliveries, ${stage.sandbox.requests.length} API requests, every response valid against GitHub's OpenAPI description.`,
  );
} finally {
  await stage.close();
}
