// ${…} references in a pom: <properties>, the project's own coordinates and its parent's.
import { recordAt, stringAt } from "./json-text.ts";

export type Properties = Map<string, string>;

const MAX_DEPTH = 10;
/** Versions and coordinates are short: a value growing past this is a reference bomb, left unresolved. */
const MAX_RESOLVED_LENGTH = 1_000;

export function pomProperties(project: Record<string, unknown>): Properties {
  const properties: Properties = new Map();
  for (const [key, value] of Object.entries(recordAt(project, "properties")))
    if (typeof value === "string") properties.set(key, value);
  const parent = recordAt(project, "parent");
  for (const field of ["groupId", "artifactId", "version"]) {
    const own = stringAt(project, field) ?? stringAt(parent, field);
    if (own !== undefined) {
      properties.set(`project.${field}`, own);
      properties.set(`pom.${field}`, own);
    }
    const inherited = stringAt(parent, field);
    if (inherited !== undefined) properties.set(`project.parent.${field}`, inherited);
  }
  return properties;
}

/** Replaces ${name} references, following properties defined by other properties. */
export function resolveProperties(value: string, properties: Properties): string {
  let resolved = value;
  for (let depth = 0; depth < MAX_DEPTH && resolved.includes("${"); depth++) {
    const next = resolved.replace(
      /\$\{([^}]+)\}/g,
      (reference, name: string) => properties.get(name) ?? reference,
    );
    if (next === resolved || next.length > MAX_RESOLVED_LENGTH) break;
    resolved = next;
  }
  return resolved.trim();
}
