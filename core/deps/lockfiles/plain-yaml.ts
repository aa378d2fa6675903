// A fast reader for the narrow YAML that pnpm writes (block mappings indented by two, one-line
// flow collections, quoted or plain scalars, indented block sequences of scalars). The `yaml`
// package reads any YAML and reports errors, but takes seconds on a 5,000-package lockfile. This
// reader gives up (returns undefined) on anything outside that narrow form, and the caller then
// uses `yaml`, so a file is never read differently from how a YAML parser would read it.

export interface PlainYaml {
  documents: unknown[];
  /** Line of each key directly under a top-level key: `lines.get("packages")?.get(key)`. */
  lines: Map<string, Map<string, number>>;
}

type Mapping = Record<string, unknown>;

interface Frame {
  indent: number;
  container: Mapping | unknown[];
  /** The top-level key this frame sits under, when it is exactly one level below the root. */
  topKey?: string;
}

interface Pending {
  key: string;
  parent: Mapping;
  indent: number;
  topKey?: string;
}

class GiveUp extends Error {}

export function readPlainYaml(content: string): PlainYaml | undefined {
  try {
    return new Reader().read(content);
  } catch (error) {
    if (error instanceof GiveUp) return undefined;
    throw error;
  }
}

class Reader {
  readonly documents: unknown[] = [];
  readonly lines = new Map<string, Map<string, number>>();
  stack: Frame[] = [];
  pending: Pending | undefined;
  root: Mapping | undefined;

  read(content: string): PlainYaml {
    const texts = content.split("\n");
    for (let index = 0; index < texts.length; index++) {
      const raw = texts[index]!.endsWith("\r") ? texts[index]!.slice(0, -1) : texts[index]!;
      const body = raw.trimStart();
      if (body === "" || body.startsWith("#")) continue;
      if (raw === "---") {
        this.endDocument();
        continue;
      }
      if (/^(---|\.\.\.)/.test(raw) || /^\s*\t/.test(raw)) throw new GiveUp();
      this.line(raw.length - body.length, body.trimEnd(), index + 1);
    }
    this.endDocument();
    return { documents: this.documents, lines: this.lines };
  }

  endDocument(): void {
    if (this.pending) this.pending.parent[this.pending.key] = null;
    if (this.root) this.documents.push(this.root);
    this.root = undefined;
    this.pending = undefined;
    this.stack = [];
  }

  line(indent: number, body: string, lineNumber: number): void {
    if (!this.root) {
      if (indent !== 0) throw new GiveUp();
      this.root = mapping();
      this.stack = [{ indent: 0, container: this.root }];
    }
    if (this.pending) this.openPending(indent, body);
    while (this.stack.length > 1 && this.stack.at(-1)!.indent > indent) this.stack.pop();
    const frame = this.stack.at(-1)!;
    if (frame.indent !== indent) throw new GiveUp();
    if (Array.isArray(frame.container)) {
      if (!body.startsWith("- ")) throw new GiveUp();
      frame.container.push(readValue(body.slice(2).trim()));
      return;
    }
    const { key, rest } = readKey(body);
    if (frame.topKey !== undefined) {
      const keys = this.lines.get(frame.topKey) ?? new Map<string, number>();
      keys.set(key, lineNumber);
      this.lines.set(frame.topKey, keys);
    }
    if (rest === "") {
      const topKey = this.stack.length === 1 ? key : undefined;
      this.pending = { key, parent: frame.container, indent, topKey };
    } else frame.container[key] = readValue(rest);
  }

  /** A key with nothing after its colon holds what the more-indented lines below it hold. */
  openPending(indent: number, body: string): void {
    const pending = this.pending!;
    this.pending = undefined;
    if (indent <= pending.indent) {
      if (body.startsWith("- ")) throw new GiveUp();
      pending.parent[pending.key] = null;
      return;
    }
    const container = body.startsWith("- ") ? [] : mapping();
    pending.parent[pending.key] = container;
    this.stack.push({ indent, container, topKey: pending.topKey });
  }
}

/** Objects without a prototype, so a key named `__proto__` is just a key. */
function mapping(): Mapping {
  return Object.create(null) as Mapping;
}

function readKey(body: string): { key: string; rest: string } {
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

function readValue(text: string): unknown {
  if (text.startsWith("{") || text.startsWith("[")) {
    const flow = readFlow(text, 0);
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
  const match = /^"(?:[^"\\]|\\["\\/bfnrt])*"/.exec(text.slice(start));
  if (!match) throw new GiveUp();
  return { value: JSON.parse(match[0]) as string, end: start + match[0].length };
}

/** `{a: 1, b: {c: d}}` or `[x, y]`, on one line. */
function readFlow(text: string, start: number): { value: unknown; end: number } {
  const isMap = text[start] === "{";
  const close = isMap ? "}" : "]";
  const result: Mapping | unknown[] = isMap ? mapping() : [];
  let at = skipSpaces(text, start + 1);
  if (text[at] === close) return { value: result, end: at + 1 };
  for (;;) {
    if (isMap) {
      const key = readFlowScalar(text, at, true);
      if (text[key.end] !== ":") throw new GiveUp();
      const value = readFlowItem(text, skipSpaces(text, key.end + 1));
      (result as Mapping)[String(key.value)] = value.value;
      at = skipSpaces(text, value.end);
    } else {
      const item = readFlowItem(text, at);
      (result as unknown[]).push(item.value);
      at = skipSpaces(text, item.end);
    }
    if (text[at] === close) return { value: result, end: at + 1 };
    if (text[at] !== ",") throw new GiveUp();
    at = skipSpaces(text, at + 1);
  }
}

function readFlowItem(text: string, at: number): { value: unknown; end: number } {
  if (text[at] === "{" || text[at] === "[") return readFlow(text, at);
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
