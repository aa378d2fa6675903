// Entry of a scan thread when Upkeep runs from its TypeScript sources.
import { parentPort, workerData } from "node:worker_threads";
import { serveScans, type WorkerSetup } from "./worker-loop.ts";

if (parentPort) serveScans(parentPort, workerData as WorkerSetup);
