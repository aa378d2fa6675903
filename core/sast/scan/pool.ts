// Spreads files over worker threads. From sources a thread runs worker.ts; inside a bundled
// dist file (the CLI, the action) there is no worker.ts, so the thread runs the bundle itself
// and the guard below turns it into a worker before the bundle's own entry code can start.
import { availableParallelism } from "node:os";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import type { CompiledRule } from "../rule.ts";
import { type FileJob, type FileLimits, type FileOutcome, scanFile } from "./scan-file.ts";
import { serveScans, type WorkerSetup } from "./worker-loop.ts";

if (!isMainThread && parentPort && (workerData as WorkerSetup | undefined)?.upkeepSastWorker) {
  serveScans(parentPort, workerData as WorkerSetup);
  // Never settles: module evaluation (and so the bundle's entry code) stops here for this thread.
  await new Promise(() => {});
}

/** Small batches keep both threads busy to the end even when big files sit next to each other. */
const BATCH = 8;
/** Below this many files, starting threads costs more than it saves. */
const MIN_FILES_FOR_THREADS = 48;

export interface PoolOptions extends FileLimits {
  rules: CompiledRule[];
  /** Threads to use; defaults to the machine's available parallelism. */
  jobs?: number;
}

export async function scanInPool(files: FileJob[], options: PoolOptions): Promise<FileOutcome[]> {
  const jobs = Math.max(
    1,
    Math.min(options.jobs ?? availableParallelism(), Math.ceil(files.length / BATCH)),
  );
  if (jobs === 1 || files.length < MIN_FILES_FOR_THREADS)
    return files.map((file) => scanFile(file, options.rules, options));
  const setup: WorkerSetup = {
    upkeepSastWorker: true,
    rules: options.rules,
    maxFileSize: options.maxFileSize,
    maxFileSeconds: options.maxFileSeconds,
  };
  const batches: FileJob[][] = [];
  for (let start = 0; start < files.length; start += BATCH)
    batches.push(files.slice(start, start + BATCH));
  const outcomes: FileOutcome[][] = new Array(batches.length);
  let next = 0;
  const workers = Array.from(
    { length: jobs },
    () => new Worker(workerEntry(), { workerData: setup }),
  );
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            let current = -1;
            const feed = () => {
              if (next >= batches.length) return resolve();
              current = next++;
              worker.postMessage(batches[current]);
            };
            worker.on("message", (result: FileOutcome[]) => {
              outcomes[current] = result;
              feed();
            });
            worker.on("error", reject);
            worker.on("exit", (code) => {
              if (next < batches.length || (current >= 0 && !outcomes[current]))
                reject(new Error(`scan thread exited with code ${code}`));
            });
            feed();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return outcomes.flat();
}

function workerEntry(): URL {
  const self = new URL(import.meta.url);
  return self.pathname.endsWith(".ts") ? new URL("./worker.ts", self) : self;
}
