// Keys and values of the narrow YAML pnpm writes: quoted and plain scalars, one-line flow
// collections. Anything else throws GiveUp, and the whole file goes to the full YAML parser.

export class GiveUp extends Error {}

export type Mapping = Record<string, unknown>;

/** Objects without a prototype, so a key named `__proto__` is just a key. */
export function mapping(): Mapping {
  return Object.create(null) as Mapping;
}

export function readKey(body: string): { key: string; rest: string } {
  if (body.startsWith("'") || body.startsWith('"')) {
    const { value, end } = readQuoted(body, 0);
    if (body[end] !== ":" || (body.length > end + 1 && body[end + 1] !== " ")) throw new GiveUp();
    return { key: value, rest: body.slice(end + 1).trim() };
  }
  if (/^[-?:,[\]{}#&*!|>%@`]/.test(body)) throw new GiveUp();
  const colon = body.endsWith(":") && !body.includes(": ") ? body.length - 1 : body.indexOf(": ");
  if (colon <= 0 || body.slice(0, colon).includes(" #")) throw new GiveUp();
  return { key: body.slice(0, colon).trimEnd(), rest: body.slice(colon + 1).trim() };
}

export function readValue(text: string): unknown {
  if (text.startsWith("{") || text.startsWith("[")) {
    const flow = readFlow(text, 0, 0);
    return afterValue(text, flow.end, flow.value);
  }
  if (text.startsWith("'") || text.startsWith('"')) {
    const quoted = readQuoted(text, 0);
    return afterValue(text, quoted.end, quoted.value);
  }
  const plain = text.replace(/\s+#.*$/, "");
  const indicator = /^[&*!|>%@`?,\]}#]/.test(plain) || plain.startsWith("- ");
  if (indicator || plain.includes(": ") || plain.endsWith(":")) throw new GiveUp();
  return plainScalar(plain);
}

function afterValue(text: string, end: number, value: unknown): unknown {
  const rest = text.slice(end).trim();
  if (rest !== "" && !rest.startsWith("#")) throw new GiveUp();
  return value;
}

function readQuoted(text: string, start: number): { value: string; end: number } {
  if (text[start] === "'") {
    let at = start + 1;
    for (;;) {
      const quote = text.indexOf("'", at);
      if (quote === -1) throw new GiveUp();
      if (text[quote + 1] !== "'")
        return { value: text.slice(start + 1, quote).replaceAll("''", "'"), end: quote + 1 };
      at = quote + 2;
    }
  }
  // Sticky at `start`: slicing the rest of a long line for every scalar made reading quadratic.
  const pattern = /"(?:[^"\\]|\\["\\/bfnrt])*"/y;
  pattern.lastIndex = start;
  const match = pattern.exec(text);
  if (!match) throw new GiveUp();
  return { value: JSON.parse(match[0]) as string, end: start + match[0].length };
}

/** pnpm nests flow collections two or three deep; deeper is left to the full parser's checks. */
const MAX_FLOW_DEPTH = 32;

/** `{a: 1, b: {c: d}}` or `[x, y]`, on one line. */
function readFlow(text: string, start: number, depth: number): { value: unknown; end: number } {
  if (depth > MAX_FLOW_DEPTH) throw new GiveUp();
  const isMap = text[start] === "{";
  const close = isMap ? "}" : "]";
  const result: Mapping | unknown[] = isMap ? mapping() : [];
  let at = skipSpaces(text, start + 1);
  if (text[at] === close) return { value: result, end: at + 1 };
  for (;;) {
    if (isMap) {
      const key = readFlowScalar(text, at, true);
      if (text[key.end] !== ":") throw new GiveUp();
      const value = readFlowItem(text, skipSpaces(text, key.end + 1), depth);
      (result as Mapping)[String(key.value)] = value.value;
      at = skipSpaces(text, value.end);
    } else {
      const item = readFlowItem(text, at, depth);
      (result as unknown[]).push(item.value);
      at = skipSpaces(text, item.end);
    }
    if (text[at] === close) return { value: result, end: at + 1 };
    if (text[at] !== ",") throw new GiveUp();
    at = skipSpaces(text, at + 1);
  }
}

function readFlowItem(text: string, at: number, depth: number): { value: unknown; end: number } {
  if (text[at] === "{" || text[at] === "[") return readFlow(text, at, depth + 1);
  return readFlowScalar(text, at, false);
}

function readFlowScalar(text: string, at: number, isKey: boolean): { value: unknown; end: number } {
  if (text[at] === "'" || text[at] === '"') return readQuoted(text, at);
  const stop = isKey ? /[,{}[\]]|:(?=[\s,}\]])|:$/g : /[,{}[\]]|: /g;
  stop.lastIndex = at;
  const found = stop.exec(text);
  if (!found) throw new GiveUp();
  const plain = text.slice(at, found.index).trim();
  if (plain === "" || /^[&*!|>%@`#]/.test(plain)) throw new GiveUp();
  return { value: isKey ? plain : plainScalar(plain), end: found.index };
}

function skipSpaces(text: string, at: number): number {
  let position = at;
  while (text[position] === " ") position++;
  return position;
}

/** YAML 1.2 core schema resolution of an unquoted scalar. */
function plainScalar(text: string): unknown {
  if (text === "" || text === "~" || /^(null|Null|NULL)$/.test(text)) return null;
  if (/^(true|True|TRUE)$/.test(text)) return true;
  if (/^(false|False|FALSE)$/.test(text)) return false;
  if (/^[-+]?[0-9]+$/.test(text)) return Number.parseInt(text, 10);
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(text))
    return Number.parseFloat(text);
  if (/^(0x|0o|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))/.test(text)) throw new GiveUp();
  return text;
}
