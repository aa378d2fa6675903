// Hidden markers Upkeep leaves in issues and comments so it can find its own work again
// through list APIs, statelessly. Values are restricted to [\w.:@/+-] so a marker can never
// close the HTML comment it lives in.

export type MarkerFields = Record<string, string>;

const SAFE_VALUE = /[^\w.:@/+=-]/g;

/** How a value reads back after a round trip through a marker. */
export function markerValue(value: string): string {
  return value.replace(SAFE_VALUE, "_");
}

export function writeMarker(kind: string, fields: MarkerFields = {}): string {
  const pairs = Object.entries(fields).map(([key, value]) => ` ${key}=${markerValue(value)}`);
  return `<!-- upkeep:${kind}${pairs.join("")} -->`;
}

/** The fields of the first marker of `kind` in `text`, or undefined when there is none. */
export function readMarker(text: string, kind: string): MarkerFields | undefined {
  const pattern = new RegExp(`<!-- upkeep:${escapeRegExp(kind)}((?: [\\w-]+=[^\\s]*)*) -->`);
  const match = pattern.exec(text);
  if (!match) return undefined;
  const fields: MarkerFields = {};
  for (const [, key, value] of (match[1] ?? "").matchAll(/ ([\w-]+)=([^\s]*)/g)) {
    fields[key!] = value!;
  }
  return fields;
}

/** Replaces the first marker of `kind` (or appends one) with new fields. */
export function replaceMarker(text: string, kind: string, fields: MarkerFields): string {
  const pattern = new RegExp(`<!-- upkeep:${escapeRegExp(kind)}(?: [\\w-]+=[^\\s]*)* -->`);
  const marker = writeMarker(kind, fields);
  return pattern.test(text) ? text.replace(pattern, () => marker) : `${text}\n${marker}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const CREATE_STAMP = /\n?<!-- upkeep:key id=[\w]+ by=[\w.:@/+=-]+ -->/g;

/**
 * The stamp an idempotent create leaves at the end of a body: the deterministic key of what it
 * is for (hashed, one search word) and the identity that wrote it.
 */
export function createStamp(keyHash: string, login: string): string {
  return writeMarker("key", { id: keyHash, by: login });
}

/** A body as its planner wrote it, so comparing it with a desired body ignores the stamp. */
export function withoutCreateStamp(body: string): string {
  return body.replace(CREATE_STAMP, "");
}
