// Turns GitHub's OpenAPI 3.0 schemas into JSON Schema that Ajv validates: `nullable: true` becomes a
// union with null, OpenAPI-only keywords go, and `#/components/...` refs point into one shared schema.

type Node = Record<string, unknown>;

export const COMPONENTS_ID = "github-api";

const DROPPED = new Set([
  "nullable",
  "example",
  "examples",
  "discriminator",
  "xml",
  "externalDocs",
  "deprecated",
  "readOnly",
  "writeOnly",
]);
const SCHEMA_LISTS = new Set(["allOf", "anyOf", "oneOf", "prefixItems"]);
const SCHEMA_MAPS = new Set(["properties", "patternProperties", "$defs", "definitions"]);
const SCHEMA_VALUES = new Set([
  "items",
  "additionalProperties",
  "not",
  "contains",
  "propertyNames",
]);

function isObject(value: unknown): value is Node {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function convertSchema(schema: unknown): unknown {
  if (!isObject(schema)) return schema;
  const out: Node = {};
  for (const [key, value] of Object.entries(schema)) {
    if (DROPPED.has(key) || key.startsWith("x-")) continue;
    if (key === "$ref" && typeof value === "string" && value.startsWith("#/"))
      out.$ref = `${COMPONENTS_ID}${value}`;
    else if (SCHEMA_LISTS.has(key) && Array.isArray(value)) out[key] = value.map(convertSchema);
    else if (SCHEMA_MAPS.has(key) && isObject(value)) {
      out[key] = Object.fromEntries(
        Object.entries(value).map(([name, sub]) => [name, convertSchema(sub)]),
      );
    } else if (SCHEMA_VALUES.has(key))
      out[key] = Array.isArray(value) ? value.map(convertSchema) : convertSchema(value);
    else out[key] = value;
  }
  fixKnownSpecBugs(out);
  return schema.nullable === true ? allowNull(out) : out;
}

/**
 * Places where the description contradicts what GitHub really sends. An installation's `account`
 * is a user *or* an enterprise, but some inlined copies say `allOf` of both, which no response meets.
 */
function fixKnownSpecBugs(schema: Node): void {
  const parts = schema.allOf;
  if (!Array.isArray(parts) || parts.length !== 2) return;
  const titles = parts.map((part) => (isObject(part) ? part.title : undefined));
  if (titles[0] === "Simple User" && titles[1] === "Enterprise") {
    schema.anyOf = parts;
    delete schema.allOf;
  }
}

function allowNull(schema: Node): Node {
  if (Array.isArray(schema.enum) && !schema.enum.includes(null))
    schema.enum = [...schema.enum, null];
  if (typeof schema.type === "string") return { ...schema, type: [schema.type, "null"] };
  if (Array.isArray(schema.type))
    return schema.type.includes("null") ? schema : { ...schema, type: [...schema.type, "null"] };
  return { anyOf: [schema, { type: "null" }] };
}
