// Fetches osv-scanner's offline database (<ecosystem>/all.zip from OSV's public bucket) for the
// ecosystems a repository uses, into a directory a workflow can cache. Each zip is re-downloaded
// only when the bucket's ETag changed, so a cached copy costs one conditional request per run.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Ecosystem } from "../../core/deps/package.ts";

export const OSV_BUCKET = "https://osv-vulnerabilities.storage.googleapis.com";
const MAX_ZIP_BYTES = 1024 * 1024 * 1024;

export interface DownloadReport {
  fetched: Ecosystem[];
  unchanged: Ecosystem[];
  /** Could not refresh: the cached copy is used (warning) or there is none (problem). */
  failed: { ecosystem: Ecosystem; message: string; stale: boolean }[];
}

async function downloadOne(
  base: string,
  dir: string,
  ecosystem: Ecosystem,
  fetchImpl: typeof globalThis.fetch,
): Promise<"fetched" | "unchanged"> {
  const folder = join(dir, ecosystem);
  const zip = join(folder, "all.zip");
  const etagFile = `${zip}.etag`;
  const etag = existsSync(zip) && existsSync(etagFile) ? readFileSync(etagFile, "utf8").trim() : "";
  const response = await fetchImpl(`${base}/${encodeURIComponent(ecosystem)}/all.zip`, {
    headers: etag ? { "if-none-match": etag } : {},
  });
  if (response.status === 304) return "unchanged";
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const length = Number(response.headers.get("content-length") ?? 0);
  if (length > MAX_ZIP_BYTES) throw new Error(`refusing a ${length}-byte database`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  mkdirSync(folder, { recursive: true });
  writeFileSync(`${zip}.part`, bytes);
  renameSync(`${zip}.part`, zip);
  writeFileSync(etagFile, response.headers.get("etag") ?? "");
  return "fetched";
}

export async function downloadDatabases(
  ecosystems: Ecosystem[],
  dir: string,
  options: { baseUrl?: string; fetch?: typeof globalThis.fetch } = {},
): Promise<DownloadReport> {
  const base = (options.baseUrl || OSV_BUCKET).replace(/\/+$/, "");
  const report: DownloadReport = { fetched: [], unchanged: [], failed: [] };
  for (const ecosystem of [...new Set(ecosystems)].sort()) {
    try {
      const outcome = await downloadOne(base, dir, ecosystem, options.fetch ?? globalThis.fetch);
      report[outcome].push(ecosystem);
    } catch (error) {
      const stale = existsSync(join(dir, ecosystem, "all.zip"));
      report.failed.push({ ecosystem, message: (error as Error).message, stale });
    }
  }
  return report;
}
