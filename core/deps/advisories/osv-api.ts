// The OSV API (https://google.github.io/osv.dev/api/) as an advisory source: `querybatch` in
// batches for which ids affect each package version, then each record by id, cached in memory
// and, when a cache directory is given, on disk keyed by id and `modified`.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Advisory, SourceProblem } from "./advisory.ts";
import { readOsvRecord } from "./osv-record.ts";
import type { AdvisorySource, PackageQuery, SourceAnswer } from "./source.ts";

export interface OsvApiOptions {
  baseUrl?: string;
  fetch?: typeof globalThis.fetch;
  cacheDir?: string;
  /** The API accepts at most 1000 queries per batch. */
  batchSize?: number;
  retries?: number;
}

interface BatchResult {
  vulns?: { id: string; modified?: string }[];
  next_page_token?: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `task` over `items` with at most `width` requests in flight, keeping the order. */
async function inBatches<T, R>(
  items: T[],
  width: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += width) {
    results.push(...(await Promise.all(items.slice(start, start + width).map(task))));
  }
  return results;
}

export function osvApiSource(options: OsvApiOptions = {}): AdvisorySource {
  const base = (options.baseUrl ?? "https://api.osv.dev").replace(/\/+$/, "");
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const batchSize = Math.min(options.batchSize ?? 1000, 1000);
  const retries = options.retries ?? 3;
  const memory = new Map<string, unknown>();

  async function request(path: string, body?: unknown): Promise<unknown> {
    for (let attempt = 0; ; attempt++) {
      const response = await fetchImpl(`${base}${path}`, {
        method: body === undefined ? "GET" : "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      if (response.ok) return response.json();
      const retryable = response.status === 429 || response.status >= 500;
      if (!retryable || attempt >= retries) throw new Error(`${path}: HTTP ${response.status}`);
      const after = Number(response.headers.get("retry-after"));
      await sleep(Number.isFinite(after) && after > 0 ? after * 1000 : 200 * 2 ** attempt);
    }
  }

  async function idsFor(queries: PackageQuery[]): Promise<Map<string, string | undefined>> {
    const ids = new Map<string, string | undefined>();
    let pending = queries.map((query) => ({ query, pageToken: undefined as string | undefined }));
    while (pending.length > 0) {
      const next: typeof pending = [];
      for (let start = 0; start < pending.length; start += batchSize) {
        const batch = pending.slice(start, start + batchSize);
        const body = {
          queries: batch.map(({ query, pageToken }) => ({
            package: { ecosystem: query.ecosystem, name: query.name },
            version: query.version,
            ...(pageToken ? { page_token: pageToken } : {}),
          })),
        };
        const answer = (await request("/v1/querybatch", body)) as { results?: BatchResult[] };
        (answer.results ?? []).forEach((result, index) => {
          for (const vuln of result.vulns ?? []) ids.set(vuln.id, vuln.modified);
          const item = batch[index];
          if (result.next_page_token && item)
            next.push({ query: item.query, pageToken: result.next_page_token });
        });
      }
      pending = next;
    }
    return ids;
  }

  async function record(id: string, modified: string | undefined): Promise<unknown> {
    const key = `${id}@${modified ?? ""}`;
    if (memory.has(key)) return memory.get(key);
    const file = options.cacheDir
      ? join(options.cacheDir, `${createHash("sha256").update(key).digest("hex")}.json`)
      : undefined;
    let value: unknown;
    try {
      value = file ? JSON.parse(readFileSync(file, "utf8")) : undefined;
    } catch {
      value = undefined;
    }
    if (value === undefined) {
      value = await request(`/v1/vulns/${encodeURIComponent(id)}`);
      if (file && options.cacheDir) {
        mkdirSync(options.cacheDir, { recursive: true });
        writeFileSync(file, JSON.stringify(value));
      }
    }
    memory.set(key, value);
    return value;
  }

  return {
    kind: "osv-api",
    async lookup(queries: PackageQuery[]): Promise<SourceAnswer> {
      const ids = await idsFor(queries);
      const advisories: Advisory[] = [];
      const problems: SourceProblem[] = [];
      const hash = createHash("sha256");
      let newest: string | undefined;
      const sorted = [...ids].sort(([a], [b]) => a.localeCompare(b));
      const records = await inBatches(sorted, 8, ([id, modified]) => record(id, modified));
      for (const [index, [id, modified]] of sorted.entries()) {
        const read = readOsvRecord(records[index]);
        for (const message of read.problems)
          problems.push({ file: `${base}/v1/vulns/${id}`, message });
        if (read.advisory && !read.advisory.withdrawn) advisories.push(read.advisory);
        const stamp = read.advisory?.modified ?? modified;
        hash.update(`${id}@${stamp ?? ""}\n`);
        if (stamp && (!newest || stamp > newest)) newest = stamp;
      }
      return {
        advisories,
        problems,
        identity: {
          source: `OSV API (${base})`,
          records: ids.size,
          contentHash: hash.digest("hex"),
          ...(newest ? { newestModified: newest } : {}),
        },
      };
    },
  };
}
