// Builds the in-memory index of an offline database from its record files: each advisory filed
// under every package it affects; withdrawn records left out; broken records reported.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { parse as parseYaml } from "yaml";
import type { Advisory, DatabaseIdentity, SourceProblem } from "../advisory.ts";
import { readOsvRecord } from "../osv-record.ts";
import { packageKey } from "../package-key.ts";
import type { DatabaseInputs } from "./inputs.ts";
import { describeInputs } from "./inputs.ts";
import { DEFAULT_ZIP_LIMITS, forEachZipRecord, type ZipLimits } from "./zip.ts";

export interface BuiltIndex {
  identity: DatabaseIdentity;
  problems: SourceProblem[];
  byPackage: Map<string, Advisory[]>;
}

interface Builder extends BuiltIndex {
  newest?: string;
  /** SHA-256 of each zip or record file; the database hash combines them, names left out. */
  fileHashes: string[];
}

const decoder = new TextDecoder();
const sha256 = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");

function addRecord(builder: Builder, file: string, content: string): void {
  builder.identity.records++;
  let raw: unknown;
  try {
    raw = /\.ya?ml$/i.test(file) ? parseYaml(content) : JSON.parse(content);
  } catch (error) {
    builder.problems.push({ file, message: `unreadable record: ${(error as Error).message}` });
    return;
  }
  const { advisory, problems, packageKeys } = readOsvRecord(raw);
  for (const message of problems) builder.problems.push({ file, message, packages: packageKeys });
  if (!advisory || advisory.withdrawn) return;
  if (advisory.modified && (!builder.newest || advisory.modified > builder.newest)) {
    builder.newest = advisory.modified;
  }
  const keys = new Set(advisory.affected.map((entry) => packageKey(entry.ecosystem, entry.name)));
  for (const key of keys) {
    const list = builder.byPackage.get(key);
    if (list) list.push(advisory);
    else builder.byPackage.set(key, [advisory]);
  }
}

export function buildIndex(
  inputs: DatabaseInputs,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): BuiltIndex {
  const builder: Builder = {
    identity: { source: describeInputs(inputs), records: 0, contentHash: "" },
    problems: [],
    byPackage: new Map(),
    fileHashes: [],
  };
  for (const zip of inputs.zips) {
    const name = relative(inputs.root, zip) || zip;
    const bytes = readFileSync(zip);
    builder.fileHashes.push(sha256(bytes));
    const problems = forEachZipRecord(
      bytes,
      (entry, content) => addRecord(builder, `${name}:${entry}`, decoder.decode(content)),
      limits,
    );
    for (const message of problems) builder.problems.push({ file: name, message });
  }
  for (const file of inputs.records) {
    const name = relative(inputs.root, file) || file;
    const content = readFileSync(file, "utf8");
    builder.fileHashes.push(sha256(content));
    addRecord(builder, name, content);
  }
  // Content only, in a fixed order: the same data gives the same hash wherever it is unpacked.
  builder.identity.contentHash = sha256(builder.fileHashes.sort().join("\n"));
  if (builder.newest) builder.identity.newestModified = builder.newest;
  return { identity: builder.identity, problems: builder.problems, byPackage: builder.byPackage };
}
