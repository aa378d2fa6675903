// Validates a SARIF log against the official SARIF 2.1.0 JSON Schema (OASIS), as GitHub code
// scanning would before accepting an upload. Returns readable problems; empty means valid.
import { readFileSync } from "node:fs";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;
const schemaPath = new URL("./sarif-schema-2.1.0.json", import.meta.url);

/**
 * The published schema writes case-insensitivity as a leading `(?i)` (a .NET/PCRE inline flag),
 * which JavaScript rejects; we honour it as the `i` flag instead of editing the schema.
 */
function sarifRegExp(pattern: string, flags: string): RegExp {
  if (pattern.startsWith("^(?i)")) return new RegExp(`^${pattern.slice(5)}`, `${flags}i`);
  return new RegExp(pattern, flags);
}
sarifRegExp.code = "sarifRegExp";

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (compiled) return compiled;
  const schema = JSON.parse(readFileSync(schemaPath, "utf8"));
  // The published schema nests region's `anyOf` inside `properties` by mistake, where it is not a
  // schema at all; validators that accept the file ignore it, so we drop it rather than fail.
  delete schema.definitions.region.properties.anyOf;
  const ajv = new Ajv2020({ allErrors: true, strict: false, code: { regExp: sarifRegExp } });
  addFormats(ajv);
  compiled = ajv.compile(schema);
  return compiled;
}

function describe(error: ErrorObject): string {
  const where = error.instancePath === "" ? "(root)" : error.instancePath;
  const extra =
    error.keyword === "additionalProperties"
      ? ` (${String((error.params as { additionalProperty: string }).additionalProperty)})`
      : "";
  return `${where}: ${error.message ?? error.keyword}${extra}`;
}

/** Problems with `log` as SARIF 2.1.0, one line each naming the JSON path; [] when valid. */
export function validateSarif(log: unknown): string[] {
  const validate = validator();
  if (validate(log)) return [];
  return (validate.errors ?? []).map(describe);
}
