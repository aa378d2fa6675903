// Reads a file for scanning and says why it cannot be scanned: too big, binary, not UTF-8,
// minified, or generated (the last is a silent skip, not a problem).
import { readFileSync, statSync } from "node:fs";

export type SourceRead =
  | { ok: true; text: string }
  | { ok: false; skip: "generated" }
  | { ok: false; problem: string };

const LONG_LINE = 20_000;
const decoder = new TextDecoder("utf-8", { fatal: true });

export function readSource(absolutePath: string, maxBytes: number): SourceRead {
  const stats = statSync(absolutePath);
  // Opening a FIFO blocks until someone writes to it; devices may never end.
  if (!stats.isFile())
    return { ok: false, problem: "skipped: not a regular file (a FIFO, socket or device)" };
  const size = stats.size;
  if (size > maxBytes)
    return {
      ok: false,
      problem: `skipped: ${formatBytes(size)} is over the ${formatBytes(maxBytes)} size cap (sast.maxFileSize); exclude it or raise the cap`,
    };
  const bytes = readFileSync(absolutePath);
  if (bytes.subarray(0, 8000).includes(0))
    return { ok: false, problem: "skipped: binary content (NUL bytes) in a source file" };
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return {
      ok: false,
      problem: `skipped: not valid UTF-8 (first bad byte near offset ${firstBadByte(bytes)})`,
    };
  }
  if (isGenerated(text)) return { ok: false, skip: "generated" };
  const longest = longestLine(text);
  if (longest > LONG_LINE)
    return {
      ok: false,
      problem: `skipped: looks minified (a ${formatBytes(longest)} line); scan its sources and add the bundle to sast.exclude`,
    };
  return { ok: true, text };
}

/** Tools mark their output with these in the first lines (Go's convention, @generated, ...). */
function isGenerated(text: string): boolean {
  const head = text.slice(0, 600);
  return /@generated\b|\bCode generated\b.*\bDO NOT EDIT\b|\bauto-?generated\b.*\bdo not (edit|modify)\b/i.test(
    head,
  );
}

function longestLine(text: string): number {
  let longest = 0;
  let start = 0;
  for (let end = text.indexOf("\n"); end !== -1; end = text.indexOf("\n", start)) {
    longest = Math.max(longest, end - start);
    start = end + 1;
  }
  return Math.max(longest, text.length - start);
}

function firstBadByte(bytes: Uint8Array): number {
  for (let length = 1024; length < bytes.length + 1024; length += 1024) {
    try {
      decoder.decode(bytes.subarray(0, Math.min(length, bytes.length)), { stream: false });
    } catch {
      return Math.max(0, length - 1024);
    }
  }
  return 0;
}

function formatBytes(bytes: number): string {
  if (bytes >= 1_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`;
  if (bytes >= 1000) return `${Math.round(bytes / 1000)} kB`;
  return `${bytes} B`;
}
