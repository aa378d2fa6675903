// Opens an OSV database zip without trusting it: caps on entry count, per-entry and total
// uncompressed size, and compression ratio, so a zip bomb becomes a reported problem, not an
// out-of-memory crash. fflate inflates into a buffer of the size the central directory declares,
// so sizes checked here bound memory even when a header lies; and entries are inflated a batch at
// a time and handed on, so memory follows the batch, not the whole zip (many 1 MiB entries once
// took 2.3 GB).
import { type UnzipFileInfo, unzipSync } from "fflate";

export interface ZipLimits {
  maxEntries: number;
  maxEntryBytes: number;
  maxTotalBytes: number;
  /** Largest uncompressed/compressed ratio accepted for entries over 1 MiB. */
  maxRatio: number;
}

/** The biggest OSV record files are around 1 MiB; a real ecosystem zip inflates to a few hundred MiB. */
export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 500_000,
  maxEntryBytes: 8 * 1024 * 1024,
  maxTotalBytes: 1024 * 1024 * 1024,
  maxRatio: 200,
};

/** Uncompressed bytes inflated at once. */
const BATCH_BYTES = 32 * 1024 * 1024;

export interface ZipContents {
  files: Map<string, Uint8Array>;
  problems: string[];
}

/**
 * Hands each record file (.json) of a zip to `onRecord`, a batch at a time; entries breaking a
 * limit are skipped and named in the returned problems.
 */
export function forEachZipRecord(
  bytes: Uint8Array,
  onRecord: (name: string, content: Uint8Array) => void,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): string[] {
  const problems: string[] = [];
  let batches: Set<string>[];
  try {
    batches = planBatches(bytes, limits, problems);
  } catch (error) {
    return [`not a readable zip: ${(error as Error).message}`];
  }
  for (const batch of batches) {
    try {
      const files = unzipSync(bytes, { filter: (file) => batch.has(file.name) });
      for (const name of Object.keys(files)) onRecord(name, files[name]!);
    } catch (error) {
      problems.push(`not a readable zip: ${(error as Error).message}`);
      break;
    }
  }
  return problems;
}

/** Everything in a map: for small zips and tests. */
export function readRecordZip(
  bytes: Uint8Array,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): ZipContents {
  const files = new Map<string, Uint8Array>();
  const problems = forEachZipRecord(bytes, (name, content) => files.set(name, content), limits);
  return { files, problems };
}

/** Reads only the central directory (every entry filtered out) to decide what to inflate. */
function planBatches(bytes: Uint8Array, limits: ZipLimits, problems: string[]): Set<string>[] {
  const batches: Set<string>[] = [];
  let batchBytes = Number.POSITIVE_INFINITY;
  let entries = 0;
  let total = 0;
  let stopped = false;
  unzipSync(bytes, {
    filter(file) {
      if (stopped || file.name.endsWith("/") || !/\.json$/i.test(file.name)) return false;
      entries++;
      if (entries > limits.maxEntries || total + file.originalSize > limits.maxTotalBytes) {
        stopped = true;
        problems.push(overCapMessage(entries > limits.maxEntries, limits));
        return false;
      }
      const skipped = bombMessage(file, limits);
      if (skipped) {
        problems.push(skipped);
        return false;
      }
      total += file.originalSize;
      if (batchBytes + file.originalSize > BATCH_BYTES) {
        batches.push(new Set());
        batchBytes = 0;
      }
      batches.at(-1)!.add(file.name);
      batchBytes += file.originalSize;
      return false;
    },
  });
  return batches;
}

function overCapMessage(tooMany: boolean, limits: ZipLimits): string {
  const cap = tooMany
    ? `${limits.maxEntries} entries`
    : `${limits.maxTotalBytes} bytes uncompressed`;
  return `zip exceeds ${cap}; looks like a zip bomb, the rest was not read`;
}

function bombMessage(file: UnzipFileInfo, limits: ZipLimits): string | undefined {
  const ratio = file.originalSize / Math.max(1, file.size);
  const tooBig = file.originalSize > limits.maxEntryBytes;
  if (!tooBig && !(file.originalSize > 1 << 20 && ratio > limits.maxRatio)) return undefined;
  return `${file.name}: ${file.originalSize} bytes uncompressed from ${file.size} (ratio ${Math.round(ratio)}); skipped as a likely zip bomb`;
}
