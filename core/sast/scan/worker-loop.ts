// The work a scan thread does: receive batches of files, answer with their outcomes.
import type { MessagePort } from "node:worker_threads";
import { registerLanguages } from "../languages.ts";
import type { CompiledRule } from "../rule.ts";
import { type FileJob, scanFile } from "./scan-file.ts";

export interface WorkerSetup {
  upkeepSastWorker: true;
  rules: CompiledRule[];
  maxFileSize: number;
}

export function serveScans(port: MessagePort, setup: WorkerSetup): void {
  registerLanguages();
  port.on("message", (batch: FileJob[]) => {
    port.postMessage(batch.map((job) => scanFile(job, setup.rules, setup.maxFileSize)));
  });
}
