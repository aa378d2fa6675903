// The work a scan thread does: receive batches of files, answer with their outcomes.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type { MessagePort } from "node:worker_threads";
import { registerLanguages } from "../languages.ts";
import type { CompiledRule } from "../rule.ts";
import { type FileJob, type FileLimits, scanFile } from "./scan-file.ts";

export interface WorkerSetup extends FileLimits {
  upkeepSastWorker: true;
  rules: CompiledRule[];
}

export function serveScans(port: MessagePort, setup: WorkerSetup): void {
  registerLanguages();
  const collectYoung = youngGenerationCollector();
  port.on("message", (batch: FileJob[]) => {
    const results = batch.map((job) => scanFile(job, setup.rules, setup));
    if (!collectYoung) return port.postMessage(results);
    collectYoung();
    // Native finalisers run on the next turn of the event loop; let them free the trees first.
    setImmediate(() => port.postMessage(results));
  });
}

/**
 * Parse trees live in native memory that V8 does not count, so their small JS wrappers pile up
 * and a thread grows by a hundred megabytes or more. A young-generation collection after each
 * batch frees them for about a percent of CPU (measured: peak 390 MB -> 265 MB on node_modules).
 */
function youngGenerationCollector(): (() => void) | undefined {
  try {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as (options: { type: "minor" }) => void;
    return () => gc({ type: "minor" });
  } catch {
    return undefined;
  }
}
