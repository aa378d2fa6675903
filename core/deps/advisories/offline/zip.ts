// Opens an OSV database zip without trusting it: caps on entry count, per-entry and total
// uncompressed size, and compression ratio, so a zip bomb becomes a reported problem, not an
// out-of-memory crash. fflate inflates into a buffer of the declared size, so sizes checked here
// bound memory even when a header lies.
import { unzipSync } from "fflate";

export interface ZipLimits {
  maxEntries: number;
  maxEntryBytes: number;
  maxTotalBytes: number;
  /** Largest uncompressed/compressed ratio accepted for entries over 1 MiB. */
  maxRatio: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 500_000,
  maxEntryBytes: 32 * 1024 * 1024,
  maxTotalBytes: 2 * 1024 * 1024 * 1024,
  maxRatio: 200,
};

export interface ZipContents {
  files: Map<string, Uint8Array>;
  problems: string[];
}

/** Record files (.json) of a zip; entries breaking a limit are skipped and named in `problems`. */
export function readRecordZip(
  bytes: Uint8Array,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): ZipContents {
  const problems: string[] = [];
  let entries = 0;
  let total = 0;
  let stopped = false;
  let unzipped: Record<string, Uint8Array>;
  try {
    unzipped = unzipSync(bytes, {
      filter(file) {
        if (stopped || file.name.endsWith("/") || !/\.json$/i.test(file.name)) return false;
        entries++;
        total += file.originalSize;
        if (entries > limits.maxEntries || total > limits.maxTotalBytes) {
          stopped = true;
          problems.push(
            `zip exceeds ${entries > limits.maxEntries ? `${limits.maxEntries} entries` : `${limits.maxTotalBytes} bytes uncompressed`}; looks like a zip bomb, the rest was not read`,
          );
          return false;
        }
        const ratio = file.originalSize / Math.max(1, file.size);
        if (
          file.originalSize > limits.maxEntryBytes ||
          (file.originalSize > 1 << 20 && ratio > limits.maxRatio)
        ) {
          problems.push(
            `${file.name}: ${file.originalSize} bytes uncompressed from ${file.size} (ratio ${Math.round(ratio)}); skipped as a likely zip bomb`,
          );
          total -= file.originalSize;
          return false;
        }
        return true;
      },
    });
  } catch (error) {
    return { files: new Map(), problems: [`not a readable zip: ${(error as Error).message}`] };
  }
  return { files: new Map(Object.entries(unzipped)), problems };
}
