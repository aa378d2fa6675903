// Compiled response validators kept on disk as standalone Ajv code, so a test process that has
// seen an operation before never parses the 13 MB description or compiles its schemas again.
// The cache lives in node_modules/.cache (next to the ajv it requires) and is keyed by the versions
// of the description and Ajv and by the source of the converter, so any of them changing starts afresh.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { Ajv, ValidateFunction } from "ajv";
import standaloneModule from "ajv/dist/standalone/index.js";

const require = createRequire(import.meta.url);

/** What the cache can hold for one operation and status. */
export type CachedEntry = ValidateFunction | "no-schema" | "undocumented";

function versionOf(pkg: string): string {
  return (
    JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), "utf8")) as { version: string }
  ).version;
}

function cacheDir(): string | undefined {
  try {
    // The converter and the schema lookup decide what gets compiled, so their source is in the key.
    const converter = ["./schema.ts", "./validator.ts"]
      .map((file) => readFileSync(new URL(file, import.meta.url), "utf8"))
      .join("\n");
    const key = createHash("sha256")
      .update(
        `${versionOf("@octokit/openapi")} ${versionOf("ajv")} ${versionOf("ajv-formats")}\n${converter}`,
      )
      .digest("hex")
      .slice(0, 16);
    const dir = join(
      dirname(require.resolve("ajv/package.json")),
      "..",
      ".cache",
      "upkeep-sandbox-openapi",
      key,
    );
    mkdirSync(dir, { recursive: true });
    return dir;
  } catch {
    return undefined;
  }
}

let dir: string | undefined | null = null;

function fileFor(operationKey: string): string | undefined {
  if (dir === null) dir = cacheDir();
  if (!dir) return undefined;
  return join(dir, createHash("sha256").update(operationKey).digest("hex").slice(0, 24));
}

export function readCached(operationKey: string): CachedEntry | undefined {
  const file = fileFor(operationKey);
  if (!file) return undefined;
  try {
    const marker = readFileSync(`${file}.marker`, "utf8");
    if (marker === "no-schema" || marker === "undocumented") return marker;
  } catch {
    // No marker: maybe compiled code.
  }
  try {
    return require(`${file}.cjs`) as ValidateFunction;
  } catch {
    return undefined;
  }
}

function writeAtomically(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, file);
}

export function writeCached(operationKey: string, entry: CachedEntry, ajv: Ajv): void {
  const file = fileFor(operationKey);
  if (!file) return;
  try {
    if (typeof entry === "string") writeAtomically(`${file}.marker`, entry);
    else {
      const standaloneCode = standaloneModule as unknown as (
        ajv: Ajv,
        validate: ValidateFunction,
      ) => string;
      writeAtomically(`${file}.cjs`, standaloneCode(ajv, entry));
    }
  } catch {
    // A read-only node_modules only costs speed.
  }
}
